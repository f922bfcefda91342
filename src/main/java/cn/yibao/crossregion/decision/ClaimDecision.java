package cn.yibao.crossregion.decision;

import cn.yibao.crossregion.facts.Area;
import cn.yibao.crossregion.facts.Outcome;
import cn.yibao.crossregion.policy.ReasonText;
import cn.yibao.crossregion.rules.FiredRule;

import java.util.List;

/** What the rules decided for a claim, and which rules and table rows made it so. */
public record ClaimDecision(Outcome outcome, Area area, Amounts amounts, List<ReasonText> reasons, List<FiredRule> firedRules) {
}
