package cn.yibao.crossregion.api;

import cn.yibao.crossregion.decision.Amounts;
import cn.yibao.crossregion.facts.Area;
import cn.yibao.crossregion.facts.DecisionType;
import cn.yibao.crossregion.facts.Outcome;
import cn.yibao.crossregion.rules.FiredRule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The answer to POST /api/v1/decisions/claim (API.md); {@code policyDate}: the date whose policy decided (POLICY.md §8). */
public record ClaimResponse(
        String decisionId,
        DecisionType type,
        String claimId,
        Outcome outcome,
        Area area,
        Amounts amounts,
        List<ReasonView> reasons,
        List<FiredRule> firedRules,
        String rulesetVersion,
        LocalDate policyDate,
        Instant evaluatedAt) {
}
