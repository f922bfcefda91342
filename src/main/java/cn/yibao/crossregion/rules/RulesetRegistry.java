package cn.yibao.crossregion.rules;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Which ruleset decides what: the policy timeline (POLICY.md §8) and the compiled versions it
 * names. A decision looks up its policy date once, at its start, and finishes on that version
 * whatever changes meanwhile. The timeline is replaced as a whole, atomically, by the workflow.
 */
@ApplicationScoped
public class RulesetRegistry {

    private final CompiledRulesets compiled;
    private final Clock clock;
    private volatile PolicyTimeline timeline = PolicyTimeline.EMPTY;

    @Inject
    public RulesetRegistry(CompiledRulesets compiled, RulesConfig config) {
        this(compiled, Clock.system(config.timeZone()));
    }

    /** With a clock of its own: for tests of what "today" means. */
    public RulesetRegistry(CompiledRulesets compiled, Clock clock) {
        this.compiled = compiled;
        this.clock = clock;
    }

    public PolicyTimeline timeline() {
        return timeline;
    }

    public void useTimeline(PolicyTimeline replacement) {
        timeline = replacement;
    }

    /** Today in the policy's time zone: the date whose entry is "in force today". */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public ZoneId zone() {
        return clock.getZone();
    }

    /** The entry that decides this policy date; fails naming {@code field} before the first entry. */
    public PolicyTimeline.Entry entryOn(LocalDate policyDate, String field) {
        PolicyTimeline current = timeline;
        return current.on(policyDate).orElseThrow(() -> new NoPolicyOnDateException(field, policyDate, current.start()));
    }

    /**
     * The entry's ruleset, compiled: at once if it is in memory, otherwise once compiled off the
     * event loop, completing on the caller's own Vert.x context.
     */
    public CompletionStage<Ruleset> ruleset(PolicyTimeline.Entry entry) {
        CompletableFuture<Ruleset> loading = compiled.load(entry.version());
        Context caller = Vertx.currentContext();
        if (loading.isDone() || caller == null) {
            return loading;
        }
        CompletableFuture<Ruleset> onCaller = new CompletableFuture<>();
        loading.whenComplete((ruleset, failure) -> caller.runOnContext(ignored -> {
            if (failure != null) {
                onCaller.completeExceptionally(failure);
            } else {
                onCaller.complete(ruleset);
            }
        }));
        return onCaller;
    }

    /** The ruleset in force today (compiled here if it is not in memory: not for the event loop). */
    public Ruleset active() {
        return current().orElseThrow(NoActiveRulesetException::new);
    }

    public Optional<Ruleset> current() {
        return timeline.on(today()).map(entry -> compiled.get(entry.version()));
    }

    /** The version in force today, without compiling anything. */
    public Optional<String> versionInForceToday() {
        return timeline.on(today()).map(PolicyTimeline.Entry::version);
    }
}
