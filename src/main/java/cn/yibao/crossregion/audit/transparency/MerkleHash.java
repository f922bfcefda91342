package cn.yibao.crossregion.audit.transparency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The hashes of an RFC 9162 §2.1 Merkle tree: SHA-256, leaf = H(0x00 ‖ leaf), node = H(0x01 ‖ left ‖ right). */
public final class MerkleHash {

    public static final int SIZE = 32;
    private static final byte[] LEAF_PREFIX = {0x00};
    private static final byte[] NODE_PREFIX = {0x01};

    private MerkleHash() {
    }

    public static byte[] leaf(byte[] leaf) {
        return sha256(LEAF_PREFIX, leaf);
    }

    public static byte[] node(byte[] left, byte[] right) {
        return sha256(NODE_PREFIX, left, right);
    }

    /** The root of the empty tree: the hash of nothing. */
    public static byte[] empty() {
        return sha256();
    }

    public static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
