package cn.yibao.crossregion.audit.transparency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A signed checkpoint of one chain's tree, as issued (the note is the signed text and its signature). */
@Entity
@Table(name = "audit_checkpoint")
@IdClass(CheckpointRecord.Key.class)
public class CheckpointRecord {

    @Id
    @Column(name = "chain_id")
    public String chainId;

    @Id
    @Column(name = "tree_size")
    public long treeSize;

    @Column(nullable = false)
    public String note;

    @Column(name = "signed_at", nullable = false)
    public Instant signedAt;

    public static class Key implements Serializable {
        public String chainId;
        public long treeSize;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.treeSize == treeSize && Objects.equals(key.chainId, chainId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(chainId, treeSize);
        }
    }
}
