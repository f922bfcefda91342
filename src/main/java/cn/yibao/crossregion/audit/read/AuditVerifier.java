package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.audit.AuditChain;
import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.audit.DecisionTrace;
import cn.yibao.crossregion.audit.RecordHash;
import cn.yibao.crossregion.audit.RecordedPayable;
import cn.yibao.crossregion.audit.transparency.Frontier;
import cn.yibao.crossregion.audit.transparency.MerkleHash;
import cn.yibao.crossregion.audit.transparency.SignedCheckpoints;
import cn.yibao.crossregion.audit.transparency.TreeStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Recomputes every hash chain from its first link to its head. A record changed in place
 * (outcome, an amount, a reason, a fired rule…) no longer matches its hash; a deleted one
 * leaves a gap in the sequence or a head that does not match the last link. A trace changed in
 * place no longer matches the records that name it, nor, where it is named by its content, its id.
 * <p>
 * The chain alone convinces only while no one can recompute it. So each chain's Merkle tree is
 * recomputed from the records too, and held against the stored tree (leaf by leaf) and against every
 * signed checkpoint, from the database and from the checkpoint file: a record rewritten with every
 * hash after it recomputed no longer gives the root that a checkpoint signed, and records deleted
 * after a checkpoint covered them leave the chain shorter than that checkpoint.
 */
@ApplicationScoped
public class AuditVerifier {

    /** Links are read this many at a time, by sequence range, so a chain of any length fits in memory. */
    private static final int STRIDE = 1000;

    private final TreeStore tree;
    private final SignedCheckpoints signedCheckpoints;

    public AuditVerifier(TreeStore tree, SignedCheckpoints signedCheckpoints) {
        this.tree = tree;
        this.signedCheckpoints = signedCheckpoints;
    }

    public record Broken(String decisionId, String chainId, Long seq, String reason) {
    }

    /** {@code checkpoints}: signed checkpoints checked, from the database and the checkpoint file. */
    public record Report(boolean ok, long checked, int chains, Broken firstBroken, int checkpoints) {
    }

    public Report verify() {
        return verify(checkedSoFar -> {
        });
    }

    /** As {@link #verify()}, telling {@code progress} how many records it has checked, a stride at a time. */
    public Report verify(LongConsumer progress) {
        List<AuditChain> chains = QuarkusTransaction.requiringNew().call(() -> AuditChain.<AuditChain>listAll());
        SignedCheckpoints.Expected expected = QuarkusTransaction.requiringNew().call(
                () -> signedCheckpoints.check(chains.stream().map(chain -> chain.chainId).toList()));
        int checkpoints = expected.checked();
        if (expected.problem() != null) {
            SignedCheckpoints.Problem problem = expected.problem();
            String named = problem.chainId() == null ? null : decisionAt(problem.chainId(), problem.treeSize());
            return new Report(false, 0, chains.size(), new Broken(named, problem.chainId(),
                    problem.treeSize() < 0 ? null : problem.treeSize(), problem.reason()), checkpoints);
        }
        long checked = 0;
        Set<String> intactTraces = new HashSet<>();
        for (AuditChain head : chains) {
            TreeMap<Long, byte[]> signedRoots = expected.roots().getOrDefault(head.chainId, new TreeMap<>());
            Frontier recomputed = Frontier.empty();
            long confirmedSize = 0;
            String firstUnconfirmed = null;
            String previousHash = AuditChain.GENESIS;
            long expectedSeq = 1;
            String lastId = null;
            for (long from = 0; from < head.lastSeq; from += STRIDE) {
                long fromSeq = from;
                progress.accept(checked);
                List<DecisionRecord> links = links(head.chainId, from, from + STRIDE);
                Map<Long, byte[]> storedLeaves = QuarkusTransaction.requiringNew().call(
                        () -> tree.leafHashes(head.chainId, fromSeq, fromSeq + STRIDE));
                for (DecisionRecord link : links) {
                    checked++;
                    if (link.chainSeq != expectedSeq) {
                        return broken(checked, chains, link.id, head.chainId, expectedSeq,
                                "link " + expectedSeq + " of chain " + head.chainId + " is missing (deleted?); next is " + link.chainSeq, checkpoints);
                    }
                    if (!previousHash.equals(link.previousHash)) {
                        return broken(checked, chains, link.id, head.chainId, link.chainSeq, "does not follow the link before it", checkpoints);
                    }
                    byte[] leaf = RecordHash.leaf(link);
                    if (!RecordHash.linkOf(leaf).equals(link.recordHash)) {
                        return broken(checked, chains, link.id, head.chainId, link.chainSeq, "was changed after it was recorded", checkpoints);
                    }
                    if (!payableIntact(link)) {
                        return broken(checked, chains, link.id, head.chainId, link.chainSeq,
                                "its payable column was changed after it was recorded: its recorded answer says otherwise", checkpoints);
                    }
                    if (!traceIntact(link, intactTraces)) {
                        return broken(checked, chains, link.id, head.chainId, link.chainSeq,
                                "its trace " + link.trace.id + " was changed after it was recorded", checkpoints);
                    }
                    byte[] leafHash = MerkleHash.leaf(leaf);
                    byte[] stored = storedLeaves.get(link.chainSeq - 1);
                    if (stored == null || !MessageDigest.isEqual(stored, leafHash)) {
                        return broken(checked, chains, link.id, head.chainId, link.chainSeq, stored == null
                                ? "is not in its chain's Merkle tree"
                                : "was changed after it was recorded: its leaf in the chain's Merkle tree is another record's", checkpoints);
                    }
                    recomputed.append(leafHash);
                    if (recomputed.size() == confirmedSize + 1) {
                        firstUnconfirmed = link.id;
                    }
                    byte[] signedRoot = signedRoots.get(recomputed.size());
                    if (signedRoot != null) {
                        if (!MessageDigest.isEqual(signedRoot, recomputed.root())) {
                            return broken(checked, chains, firstUnconfirmed, head.chainId, confirmedSize + 1,
                                    "was changed after it was recorded: links " + (confirmedSize + 1) + " to " + recomputed.size()
                                            + " of chain " + head.chainId + " no longer give the root of the signed checkpoint of size "
                                            + recomputed.size() + " (the chain's hashes were recomputed; the first of these links is named"
                                            + (recomputed.size() == confirmedSize + 1 ? "" : ", one of them was changed or replaced") + ")",
                                    checkpoints);
                        }
                        confirmedSize = recomputed.size();
                    }
                    previousHash = link.recordHash;
                    lastId = link.id;
                    expectedSeq++;
                }
            }
            if (expectedSeq - 1 != head.lastSeq || !previousHash.equals(head.lastHash)) {
                return broken(checked, chains, head.lastDecisionId, head.chainId, head.lastSeq,
                        "the chain ends at link " + (expectedSeq - 1) + " (" + lastId + ") but its head says " + head.lastSeq
                                + ": the newest records were deleted or the head was changed", checkpoints);
            }
            if (!signedRoots.isEmpty() && signedRoots.lastKey() > head.lastSeq) {
                return broken(checked, chains, head.lastDecisionId, head.chainId, head.lastSeq,
                        "a signed checkpoint covers " + signedRoots.lastKey() + " links of chain " + head.chainId + " but the chain ends at link "
                                + head.lastSeq + ": records were deleted after a checkpoint covered them (links " + (head.lastSeq + 1)
                                + " to " + signedRoots.lastKey() + " are missing)", checkpoints);
            }
            long treeSize = QuarkusTransaction.requiringNew().call(() -> tree.size(head.chainId));
            if (treeSize != head.lastSeq) {
                return broken(checked, chains, head.lastDecisionId, head.chainId, head.lastSeq, "the chain's Merkle tree has " + treeSize
                        + " leaves but the chain " + head.lastSeq + " links" + (treeSize > head.lastSeq ? ": records were deleted" : ""), checkpoints);
            }
        }
        return new Report(true, checked, chains.size(), null, checkpoints);
    }

    /** The record hash covers the trace's reasons and rules; its type, outcome and version must be the record's, and its id its content's. */
    private static boolean traceIntact(DecisionRecord link, Set<String> intactTraces) {
        DecisionTrace trace = link.trace;
        if (!trace.decisionType.equals(link.decisionType) || !trace.outcome.equals(link.outcome)
                || !trace.rulesetVersion.equals(link.rulesetVersion)) {
            return false;
        }
        if (trace.id.startsWith(DecisionTrace.LEGACY_PREFIX) || intactTraces.contains(trace.id)) {
            return true;
        }
        if (!DecisionTrace.idOf(trace).equals(trace.id)) {
            return false;
        }
        intactTraces.add(trace.id);
        return true;
    }

    /** The payable column (V9, for stats and export) is not under the hash; the response it is read from is. Null before V9. */
    private static boolean payableIntact(DecisionRecord link) {
        if (link.payable == null) {
            return link.requestJsonText != null || RecordedPayable.of(link.responseJson) == null;
        }
        java.math.BigDecimal recorded = RecordedPayable.of(link.responseJson);
        return recorded != null && recorded.compareTo(link.payable) == 0;
    }

    private static List<DecisionRecord> links(String chainId, long afterSeq, long upToSeq) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<DecisionRecord> links = DecisionRecord.list(
                    "chainId = ?1 and chainSeq > ?2 and chainSeq <= ?3 order by chainSeq", chainId, afterSeq, upToSeq);
            links.forEach(link -> {
                link.trace.reasonCodes.size();
                link.trace.firedRules.size();
            });
            return links;
        });
    }

    /** The decision at this link of the chain, if there is one. */
    private static String decisionAt(String chainId, long seq) {
        return QuarkusTransaction.requiringNew().call(() -> DecisionRecord.<DecisionRecord>find("chainId = ?1 and chainSeq = ?2", chainId, seq)
                .firstResultOptional().map(record -> record.id).orElse(null));
    }

    private static Report broken(long checked, List<AuditChain> chains, String decisionId, String chainId, Long seq, String reason, int checkpoints) {
        return new Report(false, checked, chains.size(), new Broken(decisionId, chainId, seq, reason), checkpoints);
    }
}
