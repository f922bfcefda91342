package cn.yibao.crossregion.decision;

import cn.yibao.crossregion.facts.Outcome;
import cn.yibao.crossregion.policy.ReasonText;
import cn.yibao.crossregion.rules.FiredRule;

import java.time.LocalDate;
import java.util.List;

/** What the rules decided for a filing application or cancellation. Validity only when an application is accepted. */
public record FilingDecision(Outcome outcome, LocalDate validFrom, LocalDate validUntil,
                             List<ReasonText> reasons, List<FiredRule> firedRules) {
}
