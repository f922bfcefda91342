package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.rules.FiredRule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * Everything the audit trail keeps of one decision, ready to be written. Request and response are
 * JSON. {@code policyDate} and {@code timelineEntry}: the date whose policy decided and the timeline
 * entry (activation id) in force on it. {@code idempotencyKey} is the caller's key, recorded with the
 * decision, or null.
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
        LocalDate policyDate,
        Long timelineEntry,
        Instant evaluatedAt,
        long durationMicros,
        String requestJson,
        String responseJson,
        Collection<String> reasonCodes,
        List<FiredRule> firedRules,
        IdempotencyKey idempotencyKey) {
}
