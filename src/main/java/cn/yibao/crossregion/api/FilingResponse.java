package cn.yibao.crossregion.api;

import cn.yibao.crossregion.facts.DecisionType;
import cn.yibao.crossregion.facts.FilingType;
import cn.yibao.crossregion.facts.Outcome;
import cn.yibao.crossregion.rules.FiredRule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The answer to POST /api/v1/decisions/filing (API.md). {@code validFrom/validUntil} only for an accepted application. */
public record FilingResponse(
        String decisionId,
        DecisionType type,
        FilingAction action,
        FilingType filingType,
        Outcome outcome,
        LocalDate validFrom,
        LocalDate validUntil,
        List<ReasonView> reasons,
        List<FiredRule> firedRules,
        String rulesetVersion,
        LocalDate policyDate,
        Instant evaluatedAt) {
}
