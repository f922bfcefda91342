package cn.yibao.crossregion.audit.transparency;

import java.util.ArrayList;
import java.util.List;

/**
 * The right frontier of a Merkle tree: the complete subtrees that its leaves form, one per bit set in
 * its size, largest first. That is all an append needs; every complete subtree an append makes is
 * returned, to be stored. Immutable copies are cheap (at most 64 hashes).
 */
public final class Frontier {

    public record Made(TreeNode node, byte[] hash) {
    }

    private long size;
    private final List<byte[]> hashes;

    private Frontier(long size, List<byte[]> hashes) {
        this.size = size;
        this.hashes = hashes;
    }

    public static Frontier empty() {
        return new Frontier(0, new ArrayList<>());
    }

    /** The frontier of a tree of this size from its complete subtrees ({@link ProofPlan#root}), left to right. */
    public static Frontier of(long size, List<byte[]> subtrees) {
        if (subtrees.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a tree of size " + size + " has " + Long.bitCount(size) + " frontier subtrees, not " + subtrees.size());
        }
        return new Frontier(size, new ArrayList<>(subtrees));
    }

    public Frontier copy() {
        return new Frontier(size, new ArrayList<>(hashes));
    }

    public long size() {
        return size;
    }

    /** Appends a leaf by its leaf hash; returns the complete subtrees made: the leaf, and each one it completes. */
    public List<Made> append(byte[] leafHash) {
        List<Made> made = new ArrayList<>(2);
        long index = size;
        byte[] hash = leafHash;
        made.add(new Made(TreeNode.leaf(index), hash));
        int level = 0;
        while (((size >> level) & 1) == 1) {
            hash = MerkleHash.node(hashes.remove(hashes.size() - 1), hash);
            level++;
            index >>= 1;
            made.add(new Made(new TreeNode(level, index), hash));
        }
        hashes.add(hash);
        size++;
        return made;
    }

    public byte[] root() {
        return hashes.isEmpty() ? MerkleHash.empty() : ProofPlan.fold(hashes);
    }
}
