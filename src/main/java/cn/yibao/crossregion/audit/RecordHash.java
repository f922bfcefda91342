package cn.yibao.crossregion.audit;

import java.nio.charset.StandardCharsets;
import java.util.TreeSet;

/**
 * The canonical form of a decision record and its link hash,
 * {@code sha256(previousHash + canonical form)}. Every field an auditor relies on is in it, each
 * length-prefixed so that no two records share a form: change an outcome, an amount in the stored
 * response, a reason or a fired rule (in the record's trace), and the hash no longer matches.
 * <p>
 * The form begins with the record's place in its chain, which only the audit writer knows; the
 * rest ({@link Content}) is worked out beforehand, on the deciding thread, so that the one writer
 * thread only hashes.
 */
final class RecordHash {

    private static final String FORM = "decision-record/v1";

    private RecordHash() {
    }

    static String of(DecisionRecord record) {
        return content(record).link(record.chainId, record.chainSeq, record.previousHash);
    }

    /** Everything of the canonical form after the record's chain and place in it. */
    static Content content(DecisionRecord record) {
        Canonical canonical = new Canonical("")
                .field(record.id)
                .field(record.decisionType)
                .field(record.claimId)
                .field(record.outcome)
                .field(record.personIdMasked)
                .field(record.personIdHash)
                .field(record.insuredRegion)
                .field(record.treatmentRegion)
                .field(record.rulesetVersion)
                .field(record.evaluatedAt == null ? null : record.evaluatedAt.toString())
                .field(String.valueOf(record.durationMicros))
                .field(record.requestJson)
                .field(record.responseJson)
                .field(String.join(",", new TreeSet<>(record.trace.reasonCodes)));
        record.trace.firedRules.forEach(row -> canonical.field(row.canonical()));
        // Absent from records made before the policy timeline, whose form is then unchanged.
        if (record.policyDate != null) {
            canonical.field("policy-date:" + record.policyDate).field("timeline-entry:" + record.timelineEntry);
        }
        return new Content(canonical.text().getBytes(StandardCharsets.UTF_8));
    }

    record Content(byte[] utf8) {

        /** The link hash of the record with this content at {@code seq} of chain {@code chainId}, after {@code previousHash}. */
        String link(String chainId, Long seq, String previousHash) {
            String head = previousHash + new Canonical(FORM).field(chainId).field(String.valueOf(seq)).text();
            return Canonical.hex(Canonical.sha256Of(head.getBytes(StandardCharsets.UTF_8), utf8));
        }
    }
}
