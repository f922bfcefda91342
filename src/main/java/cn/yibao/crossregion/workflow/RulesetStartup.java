package cn.yibao.crossregion.workflow;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Loads the rule folders once at start-up, as a reload would: a ruleset that does not compile,
 * validate or pass its scenarios stops the start, with every problem named by file and line.
 * (Which version goes live: {@link RulesetWorkflow#start()}.)
 */
@ApplicationScoped
public class RulesetStartup {

    private final RulesetWorkflow workflow;

    public RulesetStartup(RulesetWorkflow workflow) {
        this.workflow = workflow;
    }

    void onStart(@Observes StartupEvent event) {
        workflow.start();
    }
}
