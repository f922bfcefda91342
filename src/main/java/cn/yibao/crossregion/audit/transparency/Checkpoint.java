package cn.yibao.crossregion.audit.transparency;

import java.util.Base64;

/**
 * A C2SP tlog-checkpoint: the origin (the log's name, one chain of the audit trail), the tree
 * size and the base64 root hash, one a line. Signed, it is the note's text.
 */
public record Checkpoint(String origin, long size, byte[] root) {

    public String text() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    public SignedNote signedBy(NoteSigner signer) {
        return SignedNote.unsigned(text()).with(signer);
    }

    /** The checkpoint that a signed note's text holds (extension lines after the root are allowed and ignored). */
    public static Checkpoint of(SignedNote note) {
        String[] lines = note.text().split("\n");
        if (lines.length < 3 || lines[0].isEmpty()) {
            throw new IllegalArgumentException("a checkpoint has an origin, a tree size and a root hash");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("not a tree size: " + lines[1]);
        }
        byte[] root = Base64.getDecoder().decode(lines[2]);
        if (root.length != MerkleHash.SIZE) {
            throw new IllegalArgumentException("a root hash has 32 bytes");
        }
        return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
    }
}
