package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.rules.FiredRule;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Everything the audit trail keeps of one decision, ready to be written. Request and response are
 * JSON. {@code idempotencyKey} is the caller's key, recorded with the decision, or null.
 */
public record DecisionEntry(
        String id,
        String type,
        String claimId,
        String outcome,
        String personIdMasked,
        String personIdHash,
        String insuredRegion,
        String treatmentRegion,
        String rulesetVersion,
        Instant evaluatedAt,
        long durationMicros,
        String requestJson,
        String responseJson,
        Collection<String> reasonCodes,
        List<FiredRule> firedRules,
        IdempotencyKey idempotencyKey) {
}
