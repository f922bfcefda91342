package cn.yibao.crossregion.workflow;

import io.quarkus.narayana.jta.QuarkusTransaction;
import cn.yibao.crossregion.ops.DecisionMetrics;
import cn.yibao.crossregion.rules.RuleProblem;
import cn.yibao.crossregion.rules.Ruleset;
import cn.yibao.crossregion.rules.RulesConfig;
import cn.yibao.crossregion.rules.CompiledRulesets;
import cn.yibao.crossregion.rules.PolicyTimeline;
import cn.yibao.crossregion.rules.RulesetCompiler;
import cn.yibao.crossregion.rules.RulesetInvalidException;
import cn.yibao.crossregion.rules.RulesetRegistry;
import cn.yibao.crossregion.rules.RulesetSource;
import cn.yibao.crossregion.scenarios.ScenarioReport;
import cn.yibao.crossregion.scenarios.ScenarioRunner;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How rules go live: a draft is compiled, validated and tested, and stored, never live;
 * activation puts a stored version on the policy timeline if its scenarios pass; reload does both
 * from the rule folders. Compilation runs on the caller's thread: decisions keep running on the live version
 * and each finishes on the version it started with (see {@link RulesetRegistry}).
 */
@ApplicationScoped
public class RulesetWorkflow {

    private static final Logger LOG = Logger.getLogger(RulesetWorkflow.class);
    private static final Pattern RULE_FILE_PATH = Pattern.compile("(rules-drl|rules-dmn|rules-tests)/[\\w.\\-]+\\.(drl|dmn|yaml)");

    public record Draft(String version, String status, ScenarioReport tests, List<RuleProblem> warnings) {
    }

    /**
     * A timeline entry made (or found already there): {@code version} decides from {@code effectiveFrom};
     * {@code previous} decided that date before (the same version: the entry was there already, nothing changed).
     */
    public record Activation(String version, String previous, LocalDate effectiveFrom, Instant activatedAt,
                             String activatedBy, String note) {

        static Activation of(RulesetActivation activation) {
            return new Activation(activation.version, activation.previousVersion, activation.effectiveFrom,
                    activation.activatedAt, activation.activatedBy, activation.note);
        }
    }

    private final RulesetCompiler compiler;
    private final ScenarioRunner scenarios;
    private final RulesetRegistry registry;
    private final RulesetArchive archive;
    private final CompiledRulesets compiled;
    private final PolicyTimelines timelines;
    private final RulesConfig config;
    private final DecisionMetrics metrics;

    public RulesetWorkflow(RulesetCompiler compiler, ScenarioRunner scenarios, RulesetRegistry registry, RulesetArchive archive,
                           CompiledRulesets compiled, PolicyTimelines timelines, RulesConfig config, DecisionMetrics metrics) {
        this.metrics = metrics;
        this.compiler = compiler;
        this.scenarios = scenarios;
        this.registry = registry;
        this.archive = archive;
        this.compiled = compiled;
        this.timelines = timelines;
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

    /**
     * Puts a stored version on the timeline from {@code effectiveFrom}, if its scenarios pass: a
     * future date schedules a change, a past one corrects that period; null replaces the entry in
     * force today. Activating an earlier version is the rollback.
     */
    public synchronized Activation activate(String version, String by, LocalDate effectiveFrom, String note) {
        Ruleset ruleset = compiled.get(version);
        ScenarioReport tests = scenarios.run(ruleset);
        if (!tests.allPassed()) {
            throw new RulesetRejectedException(version, tests);
        }
        return putOnTimeline(ruleset.version(), by, effectiveFrom, note);
    }

    /**
     * At start-up: the rule folders go live (replacing the entry in force today) if they are a
     * version never activated before (a new deployment); otherwise the timeline on the database
     * stays as it is, so that a restart or a new instance does not undo an analyst's activation.
     */
    public synchronized Activation start() {
        RulesetSource source = RulesetSource.read(config.drlDir(), config.dmnDir(), config.testsDir());
        Optional<RulesetActivation> deployedBefore = QuarkusTransaction.requiringNew().call(() -> RulesetActivation.latestOf(source.version()));
        if (deployedBefore.isPresent()) {
            PolicyTimeline timeline = timelines.refresh();
            LOG.infof("the rule folders (%s) were activated before; keeping the timeline of the database, %s in force today",
                    source.version(), registry.versionInForceToday().orElse("none"));
            registry.current();   // compiled now rather than by the first decision
            long inForceToday = timeline.on(registry.today()).map(PolicyTimeline.Entry::activationId).orElse(deployedBefore.get().id);
            return Activation.of(QuarkusTransaction.requiringNew().call(() -> RulesetActivation.findById(inForceToday)));
        }
        return reload("startup");
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
        return putOnTimeline(ruleset.version(), by, null, null);
    }

    private Activation putOnTimeline(String version, String by, LocalDate requested, String note) {
        PolicyTimeline timeline = timelines.refresh();   // as another instance may have changed it
        LocalDate effectiveFrom = requested != null ? requested
                : timeline.on(registry.today()).map(PolicyTimeline.Entry::effectiveFrom).orElse(config.timelineStart());
        Optional<PolicyTimeline.Entry> before = timeline.on(effectiveFrom);
        if (before.isPresent() && before.get().effectiveFrom().equals(effectiveFrom) && before.get().version().equals(version)
                && note == null) {
            RulesetActivation already = QuarkusTransaction.requiringNew().call(() -> RulesetActivation.findById(before.get().activationId()));
            return new Activation(version, version, already.effectiveFrom, already.activatedAt, already.activatedBy, already.note);
        }
        RulesetActivation activation = archive.recordActivation(version, before.map(PolicyTimeline.Entry::version).orElse(null),
                by, effectiveFrom, note);
        timelines.refresh();
        LOG.infof("ruleset %s is in force from %s (was %s), by %s", version, effectiveFrom, activation.previousVersion, by);
        return Activation.of(activation);
    }
}
