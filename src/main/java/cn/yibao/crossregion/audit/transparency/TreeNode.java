package cn.yibao.crossregion.audit.transparency;

/**
 * A complete subtree of a Merkle tree: the {@code 2^level} leaves from {@code index · 2^level}.
 * Only complete subtrees are stored; they never change once their last leaf is appended.
 */
public record TreeNode(int level, long index) {

    public long begin() {
        return index << level;
    }

    public long end() {
        return (index + 1) << level;
    }

    public static TreeNode leaf(long index) {
        return new TreeNode(0, index);
    }
}
