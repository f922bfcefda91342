package cn.yibao.crossregion.audit.transparency;

import java.util.ArrayList;
import java.util.List;

/**
 * Which stored complete subtrees make up each hash of an RFC 9162 proof. A proof hash is the root
 * of some subtree [begin, end) of the tree; it is complete (one stored node) unless it lies on the
 * tree's right edge, where it is the fold of at most log₂ n complete subtrees. So a proof costs
 * O(log n) node reads, whatever the size of the tree.
 */
public final class ProofPlan {

    private ProofPlan() {
    }

    /** RFC 9162 §2.1.3.1 PATH(index, D[0:size]), leaf upwards: each element is the subtrees whose fold is one proof hash. */
    public static List<List<TreeNode>> inclusion(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<List<TreeNode>> path = new ArrayList<>();
        path(index, 0, size, path);
        return path;
    }

    private static void path(long index, long begin, long end, List<List<TreeNode>> out) {
        long n = end - begin;
        if (n <= 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (index - begin < k) {
            path(index, begin, begin + k, out);
            out.add(subtrees(begin + k, end));
        } else {
            path(index, begin + k, end, out);
            out.add(subtrees(begin, begin + k));
        }
    }

    /** RFC 9162 §2.1.4.1 PROOF(first, D[0:second]). */
    public static List<List<TreeNode>> consistency(long first, long second) {
        if (first < 1 || first > second) {
            throw new IllegalArgumentException("no consistency proof from size " + first + " to " + second);
        }
        List<List<TreeNode>> proof = new ArrayList<>();
        subproof(first, 0, second, true, proof);
        return proof;
    }

    private static void subproof(long first, long begin, long end, boolean whole, List<List<TreeNode>> out) {
        if (end == first) {
            if (!whole) {
                out.add(subtrees(begin, end));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(end - begin);
        if (first - begin <= k) {
            subproof(first, begin, begin + k, whole, out);
            out.add(subtrees(begin + k, end));
        } else {
            subproof(first, begin + k, end, false, out);
            out.add(subtrees(begin, begin + k));
        }
    }

    /** The root of a tree of this size, as the complete subtrees of its right frontier, left to right. */
    public static List<TreeNode> root(long size) {
        return subtrees(0, size);
    }

    /**
     * The complete subtrees of [begin, end), left to right, largest first; begin is aligned to a power of
     * two at least as large as the range, as every node of an RFC 9162 tree is.
     */
    static List<TreeNode> subtrees(long begin, long end) {
        List<TreeNode> nodes = new ArrayList<>();
        while (begin < end) {
            int level = 63 - Long.numberOfLeadingZeros(end - begin);
            while (level > 0 && (begin & ((1L << level) - 1)) != 0) {
                level--;
            }
            nodes.add(new TreeNode(level, begin >> level));
            begin += 1L << level;
        }
        return nodes;
    }

    /** The root of subtrees left to right: RFC 9162 folds the right edge from the right. */
    public static byte[] fold(List<byte[]> hashes) {
        byte[] root = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            root = MerkleHash.node(hashes.get(i), root);
        }
        return root;
    }

    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
