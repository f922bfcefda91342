package cn.yibao.crossregion.audit.transparency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 signing key of C2SP signed notes, written as
 * {@code PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 ‖ 32-byte seed)>}, the form of Go's
 * golang.org/x/mod/sumdb/note. The JDK has no call that derives the public key from a seed; its
 * key pair generator does exactly that with the 32 bytes its random source gives, so the key pair
 * is the generator's with the seed as that source (checked by a signature at load).
 */
public final class NoteSigner {

    private static final String PREFIX = "PRIVATE+KEY+";

    private final byte[] seed;
    private final PrivateKey privateKey;
    private final NoteVerifier verifier;

    private NoteSigner(String name, byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, not " + seed.length);
        }
        this.seed = seed.clone();
        KeyPair pair = pairFrom(seed);
        byte[] x509 = pair.getPublic().getEncoded();
        this.privateKey = pair.getPrivate();
        this.verifier = new NoteVerifier(name, Arrays.copyOfRange(x509, x509.length - 32, x509.length));
        SignedNote probe = SignedNote.unsigned("key check\n").with(this);
        if (!verifier.verifies(probe)) {
            throw new IllegalStateException("the signing key does not verify its own signature");
        }
    }

    public static NoteSigner generate(String name) {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return new NoteSigner(name, seed);
    }

    public static NoteSigner parse(String encoded) {
        String text = encoded.trim();
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a signing key begins with " + PREFIX);
        }
        String[] parts = text.substring(PREFIX.length()).split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a signing key is PRIVATE+KEY+<name>+<hex key id>+<base64 key>");
        }
        byte[] typed = Base64.getDecoder().decode(parts[2]);
        if (typed.length != 33 || typed[0] != NoteVerifier.ED25519) {
            throw new IllegalArgumentException("not an Ed25519 signing key");
        }
        NoteSigner signer = new NoteSigner(parts[0], Arrays.copyOfRange(typed, 1, 33));
        if (!signer.verifier.keyIdHex().equalsIgnoreCase(parts[1])) {
            throw new IllegalArgumentException("the key id " + parts[1] + " is not this key's");
        }
        return signer;
    }

    public String encoded() {
        byte[] typed = new byte[33];
        typed[0] = NoteVerifier.ED25519;
        System.arraycopy(seed, 0, typed, 1, 32);
        return PREFIX + verifier.name() + "+" + verifier.keyIdHex() + "+" + Base64.getEncoder().encodeToString(typed);
    }

    public NoteVerifier verifier() {
        return verifier;
    }

    /** The Ed25519 signature of the note's text. */
    byte[] sign(String text) {
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(privateKey);
            ed.update(text.getBytes(StandardCharsets.UTF_8));
            return ed.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair pairFrom(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    if (bytes.length != seed.length) {
                        throw new IllegalStateException("the Ed25519 generator asked for " + bytes.length + " random bytes");
                    }
                    System.arraycopy(seed, 0, bytes, 0, seed.length);
                }
            });
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
