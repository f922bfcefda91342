package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.audit.RulesetActivation;
import cn.yibao.crossregion.rules.Ruleset;
import cn.yibao.crossregion.rules.RulesetRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The live version lives in the database (the latest activation). Every instance looks every
 * {@code rules.sync-interval} and makes that version live on itself too, compiling it from its
 * stored files off the decision path.
 */
@ApplicationScoped
public class ActiveVersionSync {

    private static final Logger LOG = Logger.getLogger(ActiveVersionSync.class);

    private final RulesetRegistry registry;
    private final RulesetWorkflow workflow;

    public ActiveVersionSync(RulesetRegistry registry, RulesetWorkflow workflow) {
        this.registry = registry;
        this.workflow = workflow;
    }

    @Scheduled(every = "${rules.sync-interval:2s}", delayed = "${rules.sync-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void followTheDatabase() {
        try {
            follow();
        } catch (RuntimeException e) {
            LOG.warnf("cannot read the live version from the database: %s", e.getMessage());
        }
    }

    private void follow() {
        String live = registry.current().map(Ruleset::version).orElse(null);
        Optional<String> activated = QuarkusTransaction.requiringNew().call(() -> RulesetActivation.latest().map(a -> a.version));
        if (live == null || activated.isEmpty() || activated.get().equals(live)) {
            return;
        }
        try {
            workflow.adopt(activated.get());
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot make %s live on this instance; still on %s", activated.get(), live);
        }
    }
}
