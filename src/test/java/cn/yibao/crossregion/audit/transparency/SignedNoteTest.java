package cn.yibao.crossregion.audit.transparency;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints as C2SP signed notes, Ed25519 keys and their encodings. */
class SignedNoteTest {

    @Test
    void shouldSignACheckpointThatItsVerifierKeyAccepts() {
        NoteSigner signer = NoteSigner.generate("cross-region-decisions");
        Checkpoint checkpoint = new Checkpoint("yibao.example/audit/main", 42, MerkleHash.leaf(new byte[] {1}));
        String note = checkpoint.signedBy(signer).format();

        assertTrue(note.startsWith("yibao.example/audit/main\n42\n" + Base64.getEncoder().encodeToString(checkpoint.root()) + "\n\n\u2014 cross-region-decisions "));
        NoteVerifier verifier = NoteVerifier.parse(signer.verifier().verifierKey());
        SignedNote parsed = SignedNote.parse(note);
        assertTrue(verifier.verifies(parsed));
        assertEquals(42, Checkpoint.of(parsed).size());
        assertArrayEquals(checkpoint.root(), Checkpoint.of(parsed).root());

        String changed = note.replace("\n42\n", "\n43\n");
        assertFalse(verifier.verifies(SignedNote.parse(changed)));
        assertFalse(NoteSigner.generate("cross-region-decisions").verifier().verifies(parsed), "another key of the same name");
    }

    @Test
    void shouldKeepTheKeyThroughItsEncoding() {
        NoteSigner signer = NoteSigner.generate("k1");
        NoteSigner again = NoteSigner.parse(signer.encoded());
        assertArrayEquals(signer.verifier().rawKey(), again.verifier().rawKey());
        assertTrue(signer.verifier().verifies(SignedNote.unsigned("x\n").with(again)));
        assertThrows(IllegalArgumentException.class, () -> NoteVerifier.parse("k1+00000000+" + signer.verifier().verifierKey().split("\\+")[2]));
    }

    /** The key id of C2SP signed-note: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key), first 4 bytes. */
    @Test
    void shouldDeriveTheKeyIdAsSignedNoteDoes() {
        byte[] key = new byte[32];
        NoteVerifier verifier = new NoteVerifier("example.com", key);
        byte[] expected = java.util.Arrays.copyOf(MerkleHash.sha256("example.com\n".getBytes(), new byte[] {1}, key), 4);
        assertArrayEquals(expected, verifier.keyId());
        assertTrue(verifier.verifierKey().startsWith("example.com+" + java.util.HexFormat.of().formatHex(expected) + "+AQAAAAAA"));
    }
}
