package cn.yibao.crossregion.rules;

import cn.yibao.crossregion.scenarios.ScenarioReport;
import cn.yibao.crossregion.scenarios.ScenarioRunner;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mutation check of the rules (README "Mutation check"): changes each number of the shipped
 * DMN tables and of parameters.yaml, one at a time ({@link RuleMutants}), compiles each mutant
 * with the production compiler and runs every scenario of rules-tests/ on it with the production
 * scenario runner, in-process, as a draft is tested. A mutant is <i>killed</i> when a scenario
 * fails, <i>killed by the compiler</i> when the ruleset is refused, and <i>survives</i> when every
 * scenario still passes: a number no scenario pins.
 *
 * <p>Prints a table and the score, and writes them to {@code target/mutation/report.md}. Run by
 * {@code bench/mutation.sh}; not part of {@code ./mvnw test} (the name does not end in Test).
 * It fails only when the unmutated rules do not pass their own scenarios, or, with
 * {@code -Dmutation.require-all-killed=true}, when a mutant survives.
 */
@QuarkusTest
class RuleMutationCheck {

    enum Result { KILLED, KILLED_BY_COMPILER, SURVIVED }

    record Outcome(RuleMutants.Mutant mutant, Result result, String detail, long millis) {
    }

    @Inject
    RulesetCompiler compiler;

    @Inject
    ScenarioRunner scenarios;

    @Test
    void everyNumberOfTheRulesIsPinnedByAScenario() throws IOException {
        RulesetSource shipped = RulesetSource.read(Path.of(RulesetSource.DRL), Path.of(RulesetSource.DMN), Path.of(RulesetSource.TESTS));
        long started = System.nanoTime();
        ScenarioReport baseline = scenarios.run(compiler.compile(shipped));
        assertEquals(List.of(), baseline.failures(), "the shipped rules must pass their own scenarios before mutants mean anything");
        long baselineMillis = (System.nanoTime() - started) / 1_000_000;

        List<RuleMutants.Mutant> mutants = RuleMutants.of(shipped);
        assertTrue(mutants.size() > 0, "no numbers found to mutate");
        List<Outcome> outcomes = new ArrayList<>();
        for (RuleMutants.Mutant mutant : mutants) {
            outcomes.add(run(mutant, shipped));
            Outcome last = outcomes.get(outcomes.size() - 1);
            System.out.printf(Locale.ROOT, "mutant %d/%d %s: %s (%d ms)%n", outcomes.size(), mutants.size(),
                    mutant.location(), last.result(), last.millis());
        }
        long totalMillis = (System.nanoTime() - started) / 1_000_000;

        String report = report(outcomes, baseline, baselineMillis, totalMillis);
        System.out.println(report);
        Path out = Path.of("target", "mutation", "report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);

        if (Boolean.getBoolean("mutation.require-all-killed")) {
            assertEquals(List.of(), outcomes.stream().filter(o -> o.result() == Result.SURVIVED)
                    .map(o -> o.mutant().location() + " " + o.mutant().original() + " → " + o.mutant().mutated()).toList(),
                    "mutants no scenario notices");
        }
    }

    private Outcome run(RuleMutants.Mutant mutant, RulesetSource shipped) {
        long started = System.nanoTime();
        Ruleset ruleset;
        try {
            ruleset = compiler.compile(mutant.applyTo(shipped));
        } catch (RulesetInvalidException e) {
            return new Outcome(mutant, Result.KILLED_BY_COMPILER, e.problems().get(0).toString(), millisSince(started));
        }
        ScenarioReport report = scenarios.run(ruleset);
        if (report.allPassed()) {
            return new Outcome(mutant, Result.SURVIVED, "all " + report.passed() + " scenarios pass", millisSince(started));
        }
        ScenarioReport.Failure first = report.failures().get(0);
        return new Outcome(mutant, Result.KILLED, report.failed() + " failed, first " + first.file() + ":" + first.line(), millisSince(started));
    }

    private static String report(List<Outcome> outcomes, ScenarioReport baseline, long baselineMillis, long totalMillis) {
        long killed = outcomes.stream().filter(o -> o.result() == Result.KILLED).count();
        long byCompiler = outcomes.stream().filter(o -> o.result() == Result.KILLED_BY_COMPILER).count();
        long survived = outcomes.stream().filter(o -> o.result() == Result.SURVIVED).count();
        StringBuilder out = new StringBuilder();
        out.append("# Mutation check of the rules\n\n");
        out.append("| # | location | operator | original → mutant | result | detail |\n|---|---|---|---|---|---|\n");
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            out.append(String.format(Locale.ROOT, "| %d | %s | %s | `%s` → `%s` | %s | %s |%n", i + 1, o.mutant().location(),
                    o.mutant().operator(), o.mutant().original(), o.mutant().mutated(),
                    o.result().name().toLowerCase(Locale.ROOT).replace('_', ' '), o.detail().replace("|", "\\|")));
        }
        out.append(String.format(Locale.ROOT, "%nscore: %d of %d mutants killed (%d by a scenario, %d by the compiler), %d survived%n",
                killed + byCompiler, outcomes.size(), killed, byCompiler, survived));
        out.append(String.format(Locale.ROOT, "%d scenarios; baseline compile + run %d ms; %d mutants in %.1f s (%.1f s a mutant)%n",
                baseline.passed(), baselineMillis, outcomes.size(), (totalMillis - baselineMillis) / 1000.0,
                outcomes.isEmpty() ? 0 : (totalMillis - baselineMillis) / 1000.0 / outcomes.size()));
        if (survived > 0) {
            out.append("\nsurvivors:\n");
            outcomes.stream().filter(o -> o.result() == Result.SURVIVED).forEach(o -> out.append("- ").append(o.mutant().location())
                    .append(": ").append(o.mutant().original()).append(" → ").append(o.mutant().mutated()).append('\n'));
        }
        return out.toString();
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
