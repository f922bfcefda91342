package cn.yibao.crossregion.decision;

import cn.yibao.crossregion.api.FilingAction;
import cn.yibao.crossregion.api.FilingRequest;
import cn.yibao.crossregion.facts.FilingDefect;
import cn.yibao.crossregion.facts.FilingTerm;
import cn.yibao.crossregion.facts.Finding;
import cn.yibao.crossregion.facts.Outcome;
import cn.yibao.crossregion.facts.Rejection;
import cn.yibao.crossregion.rules.DrlRun;
import cn.yibao.crossregion.rules.Ruleset;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Decides a filing application (the §3 conditions, windows and term) or a cancellation (the lock). */
@ApplicationScoped
public class FilingDecider {

    public FilingDecision decide(FilingRequest request, Ruleset ruleset) {
        Object fact = request.action() == FilingAction.APPLY
                ? FactMapper.appliedFiling(request)
                : FactMapper.cancellation(request);
        DrlRun rules = ruleset.fireRules(List.of(fact));

        List<String> codes = rules.all(Finding.class).stream().map(Finding::getCode).toList();
        boolean refused = rules.has(FilingDefect.class) || rules.has(Rejection.class);
        Optional<FilingTerm> term = refused || request.action() != FilingAction.APPLY
                ? Optional.empty() : rules.first(FilingTerm.class);
        return new FilingDecision(refused ? Outcome.REJECTED : Outcome.ACCEPTED,
                term.map(FilingTerm::getValidFrom).orElse(null), term.map(FilingTerm::getValidUntil).orElse(null),
                ruleset.reasons().describe(codes), rules.fired());
    }
}
