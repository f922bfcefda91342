package cn.yibao.crossregion.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The head of one hash chain of decision records. Each record carries
 * {@code hash = sha256(previousHash + canonical form of the record)} and its sequence number in
 * the chain; the head holds the last of them, so that a deleted record, even the newest, breaks
 * the chain. Appending locks the head row: writers to one chain, in one instance or several,
 * take turns, and each link names its chain.
 */
@Entity
@Table(name = "audit_chain")
public class AuditChain extends PanacheEntityBase {

    public static final String GENESIS = "0".repeat(64);

    @Id
    @Column(name = "chain_id")
    public String chainId;

    @Column(name = "last_seq", nullable = false)
    public long lastSeq;

    @Column(name = "last_hash", nullable = false)
    public String lastHash;

    @Column(name = "last_decision_id")
    public String lastDecisionId;
}
