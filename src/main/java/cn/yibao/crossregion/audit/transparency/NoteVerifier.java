package cn.yibao.crossregion.audit.transparency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 public key of a C2SP signed note: its name, its key id (the first 4 bytes of
 * SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)) and the key. Written as a verifier key
 * {@code <name>+<hex key id>+<base64(0x01 ‖ key)>}.
 */
public final class NoteVerifier {

    static final byte ED25519 = 0x01;
    /** The DER prefix of an X.509 Ed25519 public key (RFC 8410), before its 32 raw bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String name;
    private final byte[] rawKey;
    private final byte[] keyId;
    private final PublicKey publicKey;

    public NoteVerifier(String name, byte[] rawKey) {
        if (name.isEmpty() || name.chars().anyMatch(c -> c == '+' || Character.isWhitespace(c) || c < 0x20)) {
            throw new IllegalArgumentException("a key name must be non-empty, without spaces or '+': " + name);
        }
        if (rawKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + rawKey.length);
        }
        this.name = name;
        this.rawKey = rawKey.clone();
        this.keyId = keyId(name, rawKey);
        try {
            byte[] x509 = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
            System.arraycopy(rawKey, 0, x509, X509_PREFIX.length, 32);
            this.publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /** Parses {@code <name>+<hex key id>+<base64(0x01 ‖ key)>}, checking that the key id is the key's. */
    public static NoteVerifier parse(String verifierKey) {
        String[] parts = verifierKey.trim().split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a verifier key is <name>+<hex key id>+<base64 key>");
        }
        byte[] typed = Base64.getDecoder().decode(parts[2]);
        if (typed.length != 33 || typed[0] != ED25519) {
            throw new IllegalArgumentException("not an Ed25519 verifier key");
        }
        NoteVerifier verifier = new NoteVerifier(parts[0], Arrays.copyOfRange(typed, 1, 33));
        if (!verifier.keyIdHex().equalsIgnoreCase(parts[1])) {
            throw new IllegalArgumentException("the key id " + parts[1] + " is not this key's (" + verifier.keyIdHex() + ")");
        }
        return verifier;
    }

    static byte[] keyId(String name, byte[] rawKey) {
        byte[] id = MerkleHash.sha256(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', ED25519}, rawKey);
        return Arrays.copyOf(id, 4);
    }

    public String name() {
        return name;
    }

    public byte[] rawKey() {
        return rawKey.clone();
    }

    public byte[] keyId() {
        return keyId.clone();
    }

    public String keyIdHex() {
        return HexFormat.of().formatHex(keyId);
    }

    public String verifierKey() {
        byte[] typed = new byte[33];
        typed[0] = ED25519;
        System.arraycopy(rawKey, 0, typed, 1, 32);
        return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** True if one of the note's signatures is this key's and verifies over its text. */
    public boolean verifies(SignedNote note) {
        for (SignedNote.Signature signature : note.signatures()) {
            if (signature.name().equals(name) && Arrays.equals(signature.keyId(), keyId) && verifies(note.text(), signature.signature())) {
                return true;
            }
        }
        return false;
    }

    /** True if the note carries a signature line of this key (by name and key id), valid or not. */
    public boolean signed(SignedNote note) {
        return note.signatures().stream().anyMatch(s -> s.name().equals(name) && Arrays.equals(s.keyId(), keyId));
    }

    private boolean verifies(String text, byte[] signature) {
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(publicKey);
            ed.update(text.getBytes(StandardCharsets.UTF_8));
            return ed.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
