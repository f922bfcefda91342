package cn.yibao.crossregion.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * The canonical form of a decision record and its link hash. Every field an auditor relies on
 * is in it, each length-prefixed so that no two records share a form: change an outcome, an
 * amount in the stored response, a reason or a fired rule, and the hash no longer matches.
 */
final class RecordHash {

    private RecordHash() {
    }

    static String of(DecisionRecord record) {
        StringBuilder canonical = new StringBuilder("decision-record/v1");
        field(canonical, record.chainId);
        field(canonical, String.valueOf(record.chainSeq));
        field(canonical, record.id);
        field(canonical, record.decisionType);
        field(canonical, record.claimId);
        field(canonical, record.outcome);
        field(canonical, record.personIdMasked);
        field(canonical, record.personIdHash);
        field(canonical, record.insuredRegion);
        field(canonical, record.treatmentRegion);
        field(canonical, record.rulesetVersion);
        field(canonical, record.evaluatedAt == null ? null : record.evaluatedAt.toString());
        field(canonical, String.valueOf(record.durationMicros));
        field(canonical, record.requestJson);
        field(canonical, record.responseJson);
        field(canonical, String.join(",", new TreeSet<>(record.reasonCodes)));
        for (FiredRuleRow row : record.firedRules) {
            field(canonical, row.engine + "|" + row.ruleKey + "|" + row.file + "|" + row.dmnModel + "|" + row.dmnDecision + "|" + row.dmnRow);
        }
        return sha256(record.previousHash + canonical);
    }

    private static void field(StringBuilder canonical, String value) {
        canonical.append('\n');
        if (value == null) {
            canonical.append("-1:");
        } else {
            canonical.append(value.length()).append(':').append(value);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
