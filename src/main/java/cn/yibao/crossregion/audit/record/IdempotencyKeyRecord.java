package cn.yibao.crossregion.audit.record;

import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.audit.IdempotencyKey;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;

/** An idempotency key as kept: written with the decision it names, in the same transaction (migration V6). */
@Entity
@Table(name = "idempotency_key")
@IdClass(IdempotencyKeyRecord.Key.class)
public class IdempotencyKeyRecord extends PanacheEntityBase {

    public record Key(String owner, String idempotencyKey) {
    }

    @Id
    @Column(name = "owner_name")
    public String owner;

    @Id
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(name = "decision_id", nullable = false)
    public String decisionId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static IdempotencyKeyRecord of(IdempotencyKey key, DecisionRecord decision) {
        IdempotencyKeyRecord row = new IdempotencyKeyRecord();
        row.owner = key.owner();
        row.idempotencyKey = key.key();
        row.requestHash = key.requestHash();
        row.decisionId = decision.id;
        row.createdAt = decision.evaluatedAt;
        return row;
    }
}
