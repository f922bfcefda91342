package cn.yibao.crossregion.rules;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ruleset decisions run on. Swapping it is atomic: a decision reads it once at its start
 * and finishes on that version whatever happens meanwhile.
 */
@ApplicationScoped
public class RulesetRegistry {

    private final AtomicReference<Ruleset> active = new AtomicReference<>();

    public Ruleset active() {
        Ruleset ruleset = active.get();
        if (ruleset == null) {
            throw new NoActiveRulesetException();
        }
        return ruleset;
    }

    public Optional<Ruleset> current() {
        return Optional.ofNullable(active.get());
    }

    public void activate(Ruleset ruleset) {
        active.set(ruleset);
    }
}
