package cn.yibao.crossregion.audit;

import java.util.TreeSet;

/**
 * The canonical form of a decision record and its link hash. Every field an auditor relies on
 * is in it, each length-prefixed so that no two records share a form: change an outcome, an
 * amount in the stored response, a reason or a fired rule (in the record's trace), and the hash
 * no longer matches.
 */
final class RecordHash {

    private RecordHash() {
    }

    static String of(DecisionRecord record) {
        Canonical canonical = new Canonical("decision-record/v1")
                .field(record.chainId)
                .field(String.valueOf(record.chainSeq))
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
        return canonical.sha256(record.previousHash);
    }
}
