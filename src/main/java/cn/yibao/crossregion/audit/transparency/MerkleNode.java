package cn.yibao.crossregion.audit.transparency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A complete subtree of a chain's Merkle tree ({@link TreeNode}); level 0 holds the leaf hashes. */
@Entity
@Table(name = "merkle_node")
@IdClass(MerkleNode.Key.class)
public class MerkleNode {

    @Id
    @Column(name = "chain_id")
    public String chainId;

    @Id
    @Column(name = "node_level")
    public int nodeLevel;

    @Id
    @Column(name = "node_index")
    public long nodeIndex;

    @Column(nullable = false)
    public byte[] hash;

    static MerkleNode of(String chainId, TreeNode node, byte[] hash) {
        MerkleNode row = new MerkleNode();
        row.chainId = chainId;
        row.nodeLevel = node.level();
        row.nodeIndex = node.index();
        row.hash = hash;
        return row;
    }

    TreeNode node() {
        return new TreeNode(nodeLevel, nodeIndex);
    }

    public static class Key implements Serializable {
        public String chainId;
        public int nodeLevel;
        public long nodeIndex;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.nodeLevel == nodeLevel && key.nodeIndex == nodeIndex && Objects.equals(key.chainId, chainId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(chainId, nodeLevel, nodeIndex);
        }
    }
}
