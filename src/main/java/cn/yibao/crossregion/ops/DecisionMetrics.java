package cn.yibao.crossregion.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What operators watch at /q/metrics: decisions by type and outcome, reasons by code, decision
 * latency (a histogram), rule reloads and their failures, and which ruleset is live.
 */
@ApplicationScoped
public class DecisionMetrics {

    private final MeterRegistry registry;
    private final MultiGauge activeRuleset;
    // The meters of each decision, looked up once: finding a registered meter builds and sorts its tags.
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<String, Counter> reasons = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Counter> replays = new ConcurrentHashMap<>();

    public DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.activeRuleset = MultiGauge.builder("ruleset_active")
                .description("1 for the ruleset version that is live").register(registry);
    }

    public void decided(String type, String outcome, Collection<String> reasonCodes, Duration took) {
        decisions.computeIfAbsent(type + "/" + outcome, key -> Counter.builder("decisions").description("Decisions made and recorded")
                .tags("type", type, "outcome", outcome).register(registry)).increment();
        for (String code : reasonCodes) {
            reasons.computeIfAbsent(code, key -> Counter.builder("decision_reasons").description("Reasons reported, by code")
                    .tags("code", code).register(registry)).increment();
        }
        durations.computeIfAbsent(type, key -> Timer.builder("decision_duration").description("Time to decide and record one decision")
                .tags("type", type).publishPercentileHistogram().register(registry)).record(took);
    }

    /** A request answered with the decision recorded for its idempotency key: nothing decided, nothing recorded. */
    public void replayed(String type) {
        replays.computeIfAbsent(type, key -> Counter.builder("decisions_replayed")
                .description("Requests answered with the decision already recorded for their idempotency key")
                .tags("type", type).register(registry)).increment();
    }

    public void rulesetChanged(String version) {
        activeRuleset.register(List.of(MultiGauge.Row.of(Tags.of("version", version), 1)), true);
    }

    public void reloaded(boolean succeeded) {
        Counter.builder("ruleset_reloads").description("Rule reloads and activations, by result")
                .tags("result", succeeded ? "success" : "failure").register(registry).increment();
    }
}
