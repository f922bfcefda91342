package cn.yibao.crossregion.audit.transparency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Checks the audit trail's proofs with nothing but the JDK: no database, no running service
 * (scripts/verify-decision; README "For auditors").
 * <pre>
 *   decision    PROOF.json KEY                      a decision's inclusion proof (GET /api/v1/decisions/{id}/proof)
 *   checkpoints FILE KEY [KEY…]                     a checkpoint file: every signature, sizes never shrink, one root per size
 *   consistency OLD-CHECKPOINT NEW-CHECKPOINT PROOF.json KEY   the newer tree extends the older (GET /api/v1/audit/consistency)
 * </pre>
 * KEY is the verifier key ({@code name+id+key}), or a file holding it or the JSON of GET /api/v1/audit/public-key.
 * Prints VALID or INVALID with the reason; exits 0 when valid, 1 when not, 2 on a usage error.
 */
public final class OfflineVerifier {

    private OfflineVerifier() {
    }

    /** Why a proof is not valid. */
    public static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason);
        }
    }

    public static void main(String[] args) {
        try {
            String verdict = run(args);
            System.out.println("VALID: " + verdict);
            System.exit(0);
        } catch (Invalid e) {
            System.out.println("INVALID: " + e.getMessage());
            System.exit(1);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("cannot check: " + e.getMessage());
            System.err.println("usage: verify-decision PROOF.json KEY | checkpoints FILE KEY [KEY...] | consistency OLD NEW PROOF.json KEY");
            System.exit(2);
        }
    }

    public static String run(String[] args) throws Invalid, IOException {
        if (args.length >= 1 && args[0].equals("checkpoints") && args.length >= 3) {
            List<NoteVerifier> keys = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                keys.add(key(args[i]));
            }
            return checkpoints(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8), keys);
        }
        if (args.length == 5 && args[0].equals("consistency")) {
            return consistency(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8), Files.readString(Path.of(args[2]), StandardCharsets.UTF_8),
                    Files.readString(Path.of(args[3]), StandardCharsets.UTF_8), key(args[4]));
        }
        if (args.length == 3 && args[0].equals("decision")) {
            return decision(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8), key(args[2]));
        }
        if (args.length == 2) {
            return decision(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8), key(args[1]));
        }
        throw new IllegalArgumentException("wrong arguments");
    }

    /** A decision's inclusion proof: the checkpoint is signed by the key, and the leaf is in the tree it signs. */
    @SuppressWarnings("unchecked")
    static String decision(String proofJson, NoteVerifier key) throws Invalid {
        Map<String, Object> proof = (Map<String, Object>) MiniJson.parse(proofJson);
        String chain = text(proof, "chain");
        long leafIndex = Long.parseLong(text(proof, "leafIndex"));
        long treeSize = Long.parseLong(text(proof, "treeSize"));
        byte[] leaf = Base64.getDecoder().decode(text(proof, "leaf"));
        List<byte[]> hashes = new ArrayList<>();
        for (Object hash : (List<Object>) proof.get("hashes")) {
            hashes.add(Base64.getDecoder().decode((String) hash));
        }
        Checkpoint checkpoint = signedCheckpoint(text(proof, "checkpoint"), key);
        if (!checkpoint.origin().endsWith("/" + chain) && !checkpoint.origin().equals(chain)) {
            throw new Invalid("the checkpoint is of " + checkpoint.origin() + ", not of chain " + chain);
        }
        if (checkpoint.size() != treeSize) {
            throw new Invalid("the proof is for a tree of " + treeSize + " leaves but the checkpoint signs one of " + checkpoint.size());
        }
        String leafText = new String(leaf, StandardCharsets.UTF_8);
        Object decisionId = proof.get("decisionId");
        if (decisionId != null && !leafText.contains("\n" + ((String) decisionId).length() + ":" + decisionId + "\n")) {
            throw new Invalid("the leaf is not the record of decision " + decisionId);
        }
        if (!ProofCheck.inclusion(leafIndex, treeSize, MerkleHash.leaf(leaf), hashes, checkpoint.root())) {
            throw new Invalid("the leaf is not leaf " + leafIndex + " of the tree whose root the checkpoint signs");
        }
        return "decision " + (decisionId == null ? "" : decisionId + " ") + "is leaf " + leafIndex + " (link " + (leafIndex + 1) + ") of chain "
                + chain + ", in the tree of " + treeSize + " leaves signed by " + key.name() + " (" + key.keyIdHex() + "); its record hash is "
                + HexFormat.of().formatHex(MerkleHash.sha256(leaf));
    }

    /** A checkpoint file: every note signed by one of the keys, per origin sizes never shrink and one root per size. */
    static String checkpoints(String file, List<NoteVerifier> keys) throws Invalid {
        Map<String, Long> lastSize = new HashMap<>();
        Map<String, Map<Long, String>> roots = new HashMap<>();
        int count = 0;
        for (CheckpointLog.Entry entry : CheckpointLog.parse(file)) {
            if (entry.note() == null) {
                throw new Invalid("line " + entry.line() + " is not a signed note: " + entry.problem());
            }
            if (keys.stream().noneMatch(key -> key.verifies(entry.note()))) {
                throw new Invalid("the checkpoint at line " + entry.line() + " is not signed by the given key(s): its signature fails");
            }
            Checkpoint checkpoint;
            try {
                checkpoint = Checkpoint.of(entry.note());
            } catch (IllegalArgumentException e) {
                throw new Invalid("line " + entry.line() + ": " + e.getMessage());
            }
            Long last = lastSize.put(checkpoint.origin(), checkpoint.size());
            if (last != null && checkpoint.size() < last) {
                throw new Invalid("the checkpoint at line " + entry.line() + " of " + checkpoint.origin() + " has size " + checkpoint.size()
                        + " after one of size " + last + ": the tree shrank");
            }
            String root = Base64.getEncoder().encodeToString(checkpoint.root());
            String earlier = roots.computeIfAbsent(checkpoint.origin(), o -> new HashMap<>()).putIfAbsent(checkpoint.size(), root);
            if (earlier != null && !earlier.equals(root)) {
                throw new Invalid("two checkpoints of " + checkpoint.origin() + " at size " + checkpoint.size() + " have different roots");
            }
            count++;
        }
        StringBuilder sizes = new StringBuilder();
        lastSize.forEach((origin, size) -> sizes.append(sizes.length() == 0 ? "" : ", ").append(origin).append(" up to ").append(size));
        return count + " checkpoints, all signed, none shrinking (" + sizes + ")";
    }

    /** Two checkpoints of one log and the consistency proof between them. */
    @SuppressWarnings("unchecked")
    static String consistency(String older, String newer, String proofJson, NoteVerifier key) throws Invalid {
        Checkpoint first = signedCheckpoint(older, key);
        Checkpoint second = signedCheckpoint(newer, key);
        if (!first.origin().equals(second.origin())) {
            throw new Invalid("the checkpoints are of two logs: " + first.origin() + " and " + second.origin());
        }
        List<byte[]> hashes = new ArrayList<>();
        for (Object hash : (List<Object>) ((Map<String, Object>) MiniJson.parse(proofJson)).get("hashes")) {
            hashes.add(Base64.getDecoder().decode((String) hash));
        }
        if (!ProofCheck.consistency(first.size(), second.size(), first.root(), second.root(), hashes)) {
            throw new Invalid("the tree of " + second.size() + " leaves does not extend the tree of " + first.size());
        }
        return "the tree of " + second.size() + " leaves of " + first.origin() + " extends the tree of " + first.size();
    }

    private static Checkpoint signedCheckpoint(String note, NoteVerifier key) throws Invalid {
        SignedNote signed;
        try {
            signed = SignedNote.parse(note);
        } catch (IllegalArgumentException e) {
            throw new Invalid("the checkpoint is not a signed note: " + e.getMessage());
        }
        if (!key.verifies(signed)) {
            throw new Invalid("the checkpoint's signature fails for key " + key.name() + " (" + key.keyIdHex() + ")");
        }
        try {
            return Checkpoint.of(signed);
        } catch (IllegalArgumentException e) {
            throw new Invalid("the signed note is not a checkpoint: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static NoteVerifier key(String argument) throws IOException {
        String text = argument;
        if (!argument.contains("+") && Files.isRegularFile(Path.of(argument))) {
            text = Files.readString(Path.of(argument), StandardCharsets.UTF_8).trim();
        }
        if (text.startsWith("{")) {
            text = (String) ((Map<String, Object>) MiniJson.parse(text)).get("verifierKey");
        }
        return NoteVerifier.parse(text);
    }

    private static String text(Map<String, Object> object, String field) {
        Object value = object.get(field);
        if (value == null) {
            throw new IllegalArgumentException("the proof has no " + field);
        }
        return value.toString();
    }
}
