package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.rules.RulesetRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The policy timeline lives in the database. Every instance reads it every
 * {@code rules.sync-interval}, so that an entry activated or withdrawn on another instance
 * decides here too within seconds; the version in force today is compiled here, off the
 * decision path (a day that brings a scheduled entry into force brings its compilation with it).
 */
@ApplicationScoped
public class ActiveVersionSync {

    private static final Logger LOG = Logger.getLogger(ActiveVersionSync.class);

    private final PolicyTimelines timelines;
    private final RulesetRegistry registry;

    public ActiveVersionSync(PolicyTimelines timelines, RulesetRegistry registry) {
        this.timelines = timelines;
        this.registry = registry;
    }

    @Scheduled(every = "${rules.sync-interval:2s}", delayed = "${rules.sync-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void followTheDatabase() {
        try {
            timelines.refresh();
            registry.current();
        } catch (RuntimeException e) {
            LOG.warnf("cannot follow the policy timeline of the database: %s", e.getMessage());
        }
    }
}
