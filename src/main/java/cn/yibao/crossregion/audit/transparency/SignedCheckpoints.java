package cn.yibao.crossregion.audit.transparency;

import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every signed checkpoint of every chain, from the database and from the checkpoint file, checked
 * on its own: each signature by a trusted key ({@link SigningKey#trusted}), the file's sizes never
 * shrinking, and no two checkpoints of one size disagreeing. What is left is, per chain, the root
 * that each checkpointed size must have, for a verifier that recomputes the tree from the records.
 */
@ApplicationScoped
public class SignedCheckpoints {

    /** A checkpoint that cannot be trusted, or a pair that contradict each other. */
    public record Problem(String chainId, long treeSize, String reason) {
    }

    /** The roots that signed checkpoints give each chain's tree at their sizes; the first problem, if any. */
    public record Expected(Map<String, TreeMap<Long, byte[]>> roots, int checked, Problem problem) {
    }

    private final SigningKey key;
    private final CheckpointFile file;
    private final Checkpointer checkpointer;
    private final CheckpointStore store;

    public SignedCheckpoints(SigningKey key, CheckpointFile file, Checkpointer checkpointer, CheckpointStore store) {
        this.key = key;
        this.file = file;
        this.checkpointer = checkpointer;
        this.store = store;
    }

    /** Call within a transaction. */
    public Expected check(List<String> chains) {
        Map<String, TreeMap<Long, byte[]>> roots = new HashMap<>();
        int checked = 0;
        for (String chain : chains) {
            for (CheckpointRecord record : store.all(chain)) {
                checked++;
                Problem problem = add(roots, chain, record.treeSize, record.note, "in the database");
                if (problem != null) {
                    return new Expected(roots, checked, problem);
                }
            }
        }
        Map<String, Long> lastInFile = new HashMap<>();
        for (CheckpointLog.Entry entry : file.read()) {
            checked++;
            if (entry.note() == null) {
                return new Expected(roots, checked, new Problem(null, -1, "line " + entry.line() + " of the checkpoint file "
                        + file.path() + " is not a signed note: " + entry.problem()));
            }
            Checkpoint checkpoint;
            try {
                checkpoint = Checkpoint.of(entry.note());
            } catch (RuntimeException e) {
                return new Expected(roots, checked, new Problem(null, -1, "line " + entry.line() + " of the checkpoint file is not a checkpoint: " + e.getMessage()));
            }
            Optional<String> chain = checkpointer.chainOf(checkpoint.origin());
            if (chain.isEmpty()) {
                continue;
            }
            Long last = lastInFile.put(chain.get(), checkpoint.size());
            if (last != null && checkpoint.size() < last) {
                return new Expected(roots, checked, new Problem(chain.get(), checkpoint.size(), "the checkpoint file's checkpoint at line "
                        + entry.line() + " has tree size " + checkpoint.size() + " after one of size " + last + ": the tree shrank"));
            }
            Problem problem = add(roots, chain.get(), checkpoint.size(), entry.note().format(), "in the checkpoint file (line " + entry.line() + ")");
            if (problem != null) {
                return new Expected(roots, checked, problem);
            }
            if (!chains.contains(chain.get())) {
                return new Expected(roots, checked, new Problem(chain.get(), checkpoint.size(), "chain " + chain.get()
                        + " has a signed checkpoint of size " + checkpoint.size() + " in the checkpoint file but no records in the database: deleted"));
            }
        }
        return new Expected(roots, checked, null);
    }

    private Problem add(Map<String, TreeMap<Long, byte[]>> roots, String chain, long size, String note, String where) {
        String what = "the signed checkpoint of size " + size + " of chain " + chain + " " + where;
        SignedNote signed;
        Checkpoint checkpoint;
        try {
            signed = SignedNote.parse(note);
            checkpoint = Checkpoint.of(signed);
        } catch (RuntimeException e) {
            return new Problem(chain, size, what + " cannot be read: " + e.getMessage());
        }
        if (key.trusted().stream().noneMatch(verifier -> verifier.verifies(signed))) {
            boolean known = key.trusted().stream().anyMatch(verifier -> verifier.signed(signed));
            return new Problem(chain, size, what + (known ? ": its signature fails" : ": it is not signed by a known key (its signature fails)"));
        }
        if (checkpoint.size() != size || !checkpoint.origin().equals(checkpointer.origin(chain))) {
            return new Problem(chain, size, what + " is a checkpoint of " + checkpoint.origin() + " at size " + checkpoint.size());
        }
        byte[] earlier = roots.computeIfAbsent(chain, c -> new TreeMap<>()).putIfAbsent(size, checkpoint.root());
        if (earlier != null && !MessageDigest.isEqual(earlier, checkpoint.root())) {
            return new Problem(chain, size, what + " has root " + Base64.getEncoder().encodeToString(checkpoint.root())
                    + " but another signed checkpoint of that size has " + Base64.getEncoder().encodeToString(earlier));
        }
        return null;
    }

}
