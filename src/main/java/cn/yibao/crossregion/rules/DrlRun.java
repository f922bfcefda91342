package cn.yibao.crossregion.rules;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The DRL rules fired once over a set of facts: what they concluded and which rules fired, in order. */
public record DrlRun(List<Object> facts, List<FiredRule> fired) {

    /** A rule set that keeps firing this long is broken (a rule that re-triggers itself), not busy. */
    private static final int MAX_FIRINGS = 10_000;

    static DrlRun fire(Ruleset ruleset, List<Object> facts) {
        KieSession session = ruleset.kieBase().newKieSession();
        List<FiredRule> fired = new ArrayList<>();
        try {
            ruleset.drlGlobals().forEach(session::setGlobal);
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    String name = event.getMatch().getRule().getName();
                    fired.add(FiredRule.drl(name, ruleset.fileOfRule().get(name)));
                }
            });
            facts.forEach(session::insert);
            int firings = session.fireAllRules(MAX_FIRINGS);
            if (firings >= MAX_FIRINGS) {
                throw new IllegalStateException("rules of ruleset " + ruleset.version() + " fired " + firings + " times without settling");
            }
            return new DrlRun(List.copyOf(session.getObjects()), List.copyOf(fired));
        } finally {
            session.dispose();
        }
    }

    public <T> List<T> all(Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T> Optional<T> first(Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    public boolean has(Class<?> type) {
        return facts.stream().anyMatch(type::isInstance);
    }
}
