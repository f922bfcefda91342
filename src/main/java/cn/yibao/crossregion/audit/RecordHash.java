package cn.yibao.crossregion.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * The canonical form of a decision record and its link hash,
 * {@code sha256(previousHash + canonical form)}. The bytes that hash covers are also the record's
 * leaf in its chain's Merkle tree ({@link #leaf}): the previous hash (hex), then the canonical form,
 * which begins with the chain id and the link's number and holds the decision id as text. Every field an auditor relies on is in it, each
 * length-prefixed so that no two records share a form: change an outcome, an amount in the stored
 * response, a reason or a fired rule (in the record's trace), and the hash no longer matches.
 * <p>
 * The form begins with the record's place in its chain, which only the audit writer knows; the
 * rest ({@link Content}) is worked out beforehand, on the deciding thread, so that the one writer
 * thread only hashes.
 */
public final class RecordHash {

    private static final String FORM = "decision-record/v1";

    private RecordHash() {
    }

    public static String of(DecisionRecord record) {
        return content(record).link(record.chainId, record.chainSeq, record.previousHash);
    }

    /** The record's Merkle leaf: exactly the bytes its link hash covers, so that sha256(leaf) is its record hash. */
    public static byte[] leaf(DecisionRecord record) {
        return content(record).leaf(record.chainId, record.chainSeq, record.previousHash);
    }

    /** Everything of the canonical form after the record's chain and place in it. */
    public static Content content(DecisionRecord record) {
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

    public record Content(byte[] utf8) {

        /** The link hash of the record with this content at {@code seq} of chain {@code chainId}, after {@code previousHash}. */
        public String link(String chainId, Long seq, String previousHash) {
            return linkOf(leaf(chainId, seq, previousHash));
        }

        /** The bytes that the link hash of the record with this content at {@code seq} of chain {@code chainId} covers. */
        public byte[] leaf(String chainId, Long seq, String previousHash) {
            byte[] head = (previousHash + new Canonical(FORM).field(chainId).field(String.valueOf(seq)).text()).getBytes(StandardCharsets.UTF_8);
            byte[] leaf = Arrays.copyOf(head, head.length + utf8.length);
            System.arraycopy(utf8, 0, leaf, head.length, utf8.length);
            return leaf;
        }
    }

    /** The link hash of a record whose leaf is this. */
    public static String linkOf(byte[] leaf) {
        return Canonical.hex(Canonical.sha256Of(leaf));
    }
}
