package cn.yibao.crossregion.rules;

import cn.yibao.crossregion.audit.RulesetArchive;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Loads the rule folders once at start-up. A ruleset that does not compile or validate stops
 * the start, with every problem named by file and line.
 */
@ApplicationScoped
public class RulesetStartup {

    private static final Logger LOG = Logger.getLogger(RulesetStartup.class);

    private final RulesConfig config;
    private final RulesetCompiler compiler;
    private final RulesetRegistry registry;
    private final RulesetArchive archive;

    public RulesetStartup(RulesConfig config, RulesetCompiler compiler, RulesetRegistry registry, RulesetArchive archive) {
        this.config = config;
        this.compiler = compiler;
        this.registry = registry;
        this.archive = archive;
    }

    void onStart(@Observes StartupEvent event) {
        RulesetSource source = RulesetSource.read(config.drlDir(), config.dmnDir());
        Ruleset ruleset = compiler.compile(source);
        archive.store(source);
        registry.activate(ruleset);
        LOG.infof("ruleset %s is live (%s, %s)", ruleset.version(), config.drlDir(), config.dmnDir());
    }
}
