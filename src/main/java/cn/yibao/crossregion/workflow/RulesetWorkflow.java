package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.audit.RulesetActivation;
import cn.yibao.crossregion.audit.RulesetArchive;
import io.quarkus.narayana.jta.QuarkusTransaction;
import cn.yibao.crossregion.ops.DecisionMetrics;
import cn.yibao.crossregion.rules.RuleProblem;
import cn.yibao.crossregion.rules.Ruleset;
import cn.yibao.crossregion.rules.RulesConfig;
import cn.yibao.crossregion.rules.RulesetCompiler;
import cn.yibao.crossregion.rules.RulesetInvalidException;
import cn.yibao.crossregion.rules.RulesetRegistry;
import cn.yibao.crossregion.rules.RulesetSource;
import cn.yibao.crossregion.scenarios.ScenarioReport;
import cn.yibao.crossregion.scenarios.ScenarioRunner;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How rules go live: a draft is compiled, validated and tested, and stored, never live;
 * activation makes a stored version live if its scenarios pass; reload does both from the rule
 * folders. Compilation runs on the caller's thread: decisions keep running on the live version
 * and each finishes on the version it started with (see {@link RulesetRegistry}).
 */
@ApplicationScoped
public class RulesetWorkflow {

    private static final Logger LOG = Logger.getLogger(RulesetWorkflow.class);
    private static final Pattern RULE_FILE_PATH = Pattern.compile("(rules-drl|rules-dmn|rules-tests)/[\\w.\\-]+\\.(drl|dmn|yaml)");

    public record Draft(String version, String status, ScenarioReport tests, List<RuleProblem> warnings) {
    }

    public record Activation(String version, String previous) {
    }

    private final RulesetCompiler compiler;
    private final ScenarioRunner scenarios;
    private final RulesetRegistry registry;
    private final RulesetArchive archive;
    private final CompiledRulesets compiled;
    private final RulesConfig config;
    private final DecisionMetrics metrics;

    public RulesetWorkflow(RulesetCompiler compiler, ScenarioRunner scenarios, RulesetRegistry registry,
                           RulesetArchive archive, CompiledRulesets compiled, RulesConfig config, DecisionMetrics metrics) {
        this.metrics = metrics;
        this.compiler = compiler;
        this.scenarios = scenarios;
        this.registry = registry;
        this.archive = archive;
        this.compiled = compiled;
        this.config = config;
    }

    /** Compiles, validates and tests the live files with these replaced or added, and stores the result as a draft. */
    public Draft draft(Map<String, String> files, String by) {
        List<RuleProblem> badPaths = new ArrayList<>();
        files.forEach((path, content) -> {
            if (!RULE_FILE_PATH.matcher(path).matches()) {
                badPaths.add(new RuleProblem(path, 0, "not a rule file: expected rules-drl/*.drl|yaml, rules-dmn/*.dmn or rules-tests/*.yaml"));
            } else if (content == null) {
                badPaths.add(new RuleProblem(path, 0, "no content"));
            }
        });
        if (!badPaths.isEmpty()) {
            throw new RulesetInvalidException(badPaths);
        }
        RulesetSource source = registry.active().source().with(files);
        Ruleset ruleset = compiler.compile(source);
        ScenarioReport tests = scenarios.run(ruleset);
        archive.store(source, RulesetArchive.FROM_DRAFT, by, tests);
        compiled.remember(ruleset);
        String status = ruleset.version().equals(registry.active().version()) ? "ACTIVE" : "DRAFT";
        return new Draft(ruleset.version(), status, tests, ruleset.warnings());
    }

    /** Makes a stored version live, if its scenarios pass. Activating an earlier version is the rollback. */
    public synchronized Activation activate(String version, String by) {
        Ruleset ruleset = compiled.get(version);
        ScenarioReport tests = scenarios.run(ruleset);
        if (!tests.allPassed()) {
            throw new RulesetRejectedException(version, tests);
        }
        return goLive(ruleset, by);
    }

    /**
     * At start-up: the rule folders go live if they are a version never live before (a new
     * deployment); otherwise the version last activated on this database stays live, so that a
     * restart or a new instance does not undo an analyst's activation.
     */
    public synchronized Activation start() {
        RulesetSource source = RulesetSource.read(config.drlDir(), config.dmnDir(), config.testsDir());
        Optional<RulesetActivation> latest = QuarkusTransaction.requiringNew().call(RulesetActivation::latest);
        boolean deployedBefore = QuarkusTransaction.requiringNew().call(() -> RulesetActivation.latestOf(source.version()).isPresent());
        if (latest.isPresent() && deployedBefore && !latest.get().version.equals(source.version())) {
            LOG.infof("the rule folders (%s) were live before; keeping the version last activated, %s", source.version(), latest.get().version);
            return adopt(latest.get().version);
        }
        return reload("startup");
    }

    /** Makes live on this instance a version that was activated elsewhere (another instance, an earlier run). */
    public synchronized Activation adopt(String version) {
        String previous = registry.current().map(Ruleset::version).orElse(null);
        if (version.equals(previous)) {
            return new Activation(version, previous);
        }
        Ruleset ruleset = compiled.get(version);
        registry.activate(ruleset);
        metrics.rulesetChanged(version);
        LOG.infof("ruleset %s is live (was %s), as activated on the database", version, previous);
        return new Activation(version, previous);
    }

    /** Reads the rule folders and makes them live if they compile, validate and pass; otherwise nothing changes. */
    public synchronized Activation reload(String by) {
        try {
            Activation activation = reloadFolders(by);
            metrics.reloaded(true);
            return activation;
        } catch (RuntimeException e) {
            metrics.reloaded(false);
            throw e;
        }
    }

    private Activation reloadFolders(String by) {
        RulesetSource source = RulesetSource.read(config.drlDir(), config.dmnDir(), config.testsDir());
        Ruleset ruleset = compiler.compile(source);
        ScenarioReport tests = scenarios.run(ruleset);
        if (!tests.allPassed()) {
            throw new RulesetInvalidException(tests.failures().stream()
                    .map(failure -> new RuleProblem(failure.file(), failure.line(),
                            "scenario \"" + failure.name() + "\" fails: " + String.join("; ", failure.mismatches())))
                    .toList());
        }
        archive.store(source, RulesetArchive.FROM_DISK, by, tests);
        compiled.remember(ruleset);
        return goLive(ruleset, by);
    }

    private Activation goLive(Ruleset ruleset, String by) {
        String previous = registry.current().map(Ruleset::version).orElse(null);
        if (ruleset.version().equals(previous)) {
            return new Activation(previous, previous);
        }
        registry.activate(ruleset);
        metrics.rulesetChanged(ruleset.version());
        archive.recordActivation(ruleset.version(), previous, by);
        LOG.infof("ruleset %s is live (was %s), by %s", ruleset.version(), previous, by);
        return new Activation(ruleset.version(), previous);
    }
}
