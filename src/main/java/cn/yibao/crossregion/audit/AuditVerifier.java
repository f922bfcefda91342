package cn.yibao.crossregion.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recomputes every hash chain from its first link to its head. A record changed in place
 * (outcome, an amount, a reason, a fired rule…) no longer matches its hash; a deleted one
 * leaves a gap in the sequence or a head that does not match the last link. A trace changed in
 * place no longer matches the records that name it, nor, where it is named by its content, its id.
 */
@ApplicationScoped
public class AuditVerifier {

    /** Links are read this many at a time, by sequence range, so a chain of any length fits in memory. */
    private static final int STRIDE = 1000;

    public record Broken(String decisionId, String chainId, Long seq, String reason) {
    }

    public record Report(boolean ok, long checked, int chains, Broken firstBroken) {
    }

    public Report verify() {
        List<AuditChain> chains = QuarkusTransaction.requiringNew().call(() -> AuditChain.<AuditChain>listAll());
        long checked = 0;
        Set<String> intactTraces = new HashSet<>();
        for (AuditChain head : chains) {
            String previousHash = AuditChain.GENESIS;
            long expectedSeq = 1;
            String lastId = null;
            for (long from = 0; from < head.lastSeq; from += STRIDE) {
                List<DecisionRecord> links = links(head.chainId, from, from + STRIDE);
                for (DecisionRecord link : links) {
                    checked++;
                    if (link.chainSeq != expectedSeq) {
                        return broken(checked, chains, link.id, head.chainId, expectedSeq,
                                "link " + expectedSeq + " of chain " + head.chainId + " is missing (deleted?); next is " + link.chainSeq);
                    }
                    if (!previousHash.equals(link.previousHash)) {
                        return broken(checked, chains, link.id, head.chainId, link.chainSeq, "does not follow the link before it");
                    }
                    if (!RecordHash.of(link).equals(link.recordHash)) {
                        return broken(checked, chains, link.id, head.chainId, link.chainSeq, "was changed after it was recorded");
                    }
                    if (!payableIntact(link)) {
                        return broken(checked, chains, link.id, head.chainId, link.chainSeq,
                                "its payable column was changed after it was recorded: its recorded answer says otherwise");
                    }
                    if (!traceIntact(link, intactTraces)) {
                        return broken(checked, chains, link.id, head.chainId, link.chainSeq,
                                "its trace " + link.trace.id + " was changed after it was recorded");
                    }
                    previousHash = link.recordHash;
                    lastId = link.id;
                    expectedSeq++;
                }
            }
            if (expectedSeq - 1 != head.lastSeq || !previousHash.equals(head.lastHash)) {
                return broken(checked, chains, head.lastDecisionId, head.chainId, head.lastSeq,
                        "the chain ends at link " + (expectedSeq - 1) + " (" + lastId + ") but its head says " + head.lastSeq
                                + ": the newest records were deleted or the head was changed");
            }
        }
        return new Report(true, checked, chains.size(), null);
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

    private static Report broken(long checked, List<AuditChain> chains, String decisionId, String chainId, Long seq, String reason) {
        return new Report(false, checked, chains.size(), new Broken(decisionId, chainId, seq, reason));
    }
}
