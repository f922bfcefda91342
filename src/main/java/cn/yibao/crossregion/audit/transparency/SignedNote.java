package cn.yibao.crossregion.audit.transparency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note: its text (lines, each ending in a newline), a blank line, then one line per
 * signature, {@code — <key name> <base64(4-byte key id ‖ signature)>}. The signature covers the text.
 */
public record SignedNote(String text, List<Signature> signatures) {

    /** The em dash and space that begin a signature line. */
    static final String SIGNATURE_START = "\u2014 ";

    public record Signature(String name, byte[] keyId, byte[] signature) {

        String line() {
            byte[] both = new byte[keyId.length + signature.length];
            System.arraycopy(keyId, 0, both, 0, keyId.length);
            System.arraycopy(signature, 0, both, keyId.length, signature.length);
            return SIGNATURE_START + name + " " + Base64.getEncoder().encodeToString(both) + "\n";
        }
    }

    public static SignedNote unsigned(String text) {
        if (!text.endsWith("\n") || text.contains("\n\n")) {
            throw new IllegalArgumentException("a note's text is non-empty lines, each ending in a newline");
        }
        return new SignedNote(text, List.of());
    }

    public SignedNote with(NoteSigner signer) {
        List<Signature> all = new ArrayList<>(signatures);
        all.add(new Signature(signer.verifier().name(), signer.verifier().keyId(), signer.sign(text)));
        return new SignedNote(text, List.copyOf(all));
    }

    public String format() {
        StringBuilder note = new StringBuilder(text).append('\n');
        signatures.forEach(signature -> note.append(signature.line()));
        return note.toString();
    }

    public static SignedNote parse(String note) {
        int split = note.indexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("a signed note has a blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        String[] lines = note.substring(split + 2).split("\n", -1);
        List<Signature> signatures = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                break;
            }
            if (!line.startsWith(SIGNATURE_START)) {
                throw new IllegalArgumentException("not a signature line: " + line);
            }
            String[] parts = line.substring(SIGNATURE_START.length()).split(" ");
            if (parts.length != 2) {
                throw new IllegalArgumentException("a signature line is — <name> <base64>: " + line);
            }
            byte[] both = Base64.getDecoder().decode(parts[1]);
            if (both.length < 5) {
                throw new IllegalArgumentException("a signature is too short: " + line);
            }
            signatures.add(new Signature(parts[0], Arrays.copyOf(both, 4), Arrays.copyOfRange(both, 4, both.length)));
        }
        if (signatures.isEmpty() || text.contains("\n\n") || text.isEmpty()) {
            throw new IllegalArgumentException("a signed note has text and at least one signature");
        }
        return new SignedNote(text, List.copyOf(signatures));
    }
}
