package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.audit.record.DiskSync;
import cn.yibao.crossregion.ops.DecisionMetrics;
import cn.yibao.crossregion.rules.PolicyTimeline;
import cn.yibao.crossregion.rules.RulesetRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The policy timeline on the database, shared by every instance: reads it into the
 * {@link RulesetRegistry} (at start, after each change made here, and every
 * {@code rules.sync-interval} for changes made elsewhere), shows it as it stood at any moment,
 * and withdraws scheduled entries.
 */
@ApplicationScoped
public class PolicyTimelines {

    private static final Logger LOG = Logger.getLogger(PolicyTimelines.class);

    private final RulesetRegistry registry;
    private final DiskSync diskSync;
    private final DecisionMetrics metrics;

    public PolicyTimelines(RulesetRegistry registry, DiskSync diskSync, DecisionMetrics metrics) {
        this.registry = registry;
        this.diskSync = diskSync;
        this.metrics = metrics;
    }

    /** Reads the timeline from the database and makes it the one decisions use; returns it. */
    public synchronized PolicyTimeline refresh() {
        PolicyTimeline latest = Timeline.policyTimeline(activations(), Instant.now());
        PolicyTimeline before = registry.timeline();
        if (!latest.equals(before)) {
            Optional<String> todayBefore = registry.versionInForceToday();
            registry.useTimeline(latest);
            LOG.infof("policy timeline: %s", latest);
            registry.versionInForceToday().filter(today -> !today.equals(todayBefore.orElse(null))).ifPresent(metrics::rulesetChanged);
        }
        return latest;
    }

    /** The timeline as it stood at {@code asOf} (now, if null). */
    public Timeline asOf(Instant asOf) {
        Instant moment = asOf == null ? Instant.now() : asOf;
        return Timeline.of(activations(), moment, LocalDate.ofInstant(moment, registry.zone()));
    }

    /**
     * Withdraws the entry of a future date (every activation of that date), so that the entry
     * before it goes on deciding; refuses one whose date has come.
     */
    public TimelineEntry withdraw(LocalDate effectiveFrom, String by) {
        if (!effectiveFrom.isAfter(registry.today())) {
            throw new TimelineEntryInForceException(effectiveFrom, registry.today());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);   // as stored, so that asOf(now) sees it
        List<Long> withdrawn = QuarkusTransaction.requiringNew().call(() -> {
            List<RulesetActivation> ofDate = RulesetActivation.list("effectiveFrom = ?1 and withdrawnAt is null order by id", effectiveFrom);
            ofDate.forEach(activation -> {
                activation.withdrawnAt = now;
                activation.withdrawnBy = by;
            });
            return ofDate.stream().map(a -> a.id).toList();
        });
        if (withdrawn.isEmpty()) {
            throw new NotFoundException("no scheduled entry on " + effectiveFrom);
        }
        diskSync.afterCommit();
        refresh();
        LOG.infof("timeline entry of %s withdrawn by %s", effectiveFrom, by);
        return asOf(now).entries().stream()
                .filter(entry -> entry.effectiveFrom().equals(effectiveFrom) && entry.status() == TimelineEntry.Status.WITHDRAWN)
                .reduce((earlier, later) -> later).orElseThrow();
    }

    private static List<RulesetActivation> activations() {
        return QuarkusTransaction.requiringNew().call(RulesetActivation::inActivationOrder);
    }
}
