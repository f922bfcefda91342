package cn.yibao.crossregion.rules;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real compiler on copies of the shipped rule files, each broken in one way: the ruleset
 * is refused and the problem names the file and the line.
 */
class RulesetCompilerTest {

    @TempDir
    Path work;

    private Path drl;
    private Path dmn;

    @BeforeEach
    void copyShippedRules() throws IOException {
        drl = work.resolve("rules-drl");
        dmn = work.resolve("rules-dmn");
        copy(Path.of("rules-drl"), drl);
        copy(Path.of("rules-dmn"), dmn);
    }

    @Test
    void shouldCompileTheShippedRules() {
        Ruleset ruleset = new RulesetCompiler().compile(RulesetSource.read(drl, dmn, null));
        assertTrue(ruleset.version().matches("sha256:[0-9a-f]{64}"));
        assertEquals("rules-drl/exclusions.drl", ruleset.fileOfRule().get("exclusion: self-harm is not reimbursed"));
    }

    @Test
    void shouldGiveTheSameVersionForTheSameFilesAndAnotherForAnyChange() throws IOException {
        String version = RulesetSource.read(drl, dmn, null).version();
        assertEquals(version, RulesetSource.read(drl, dmn, null).version());
        Files.writeString(drl.resolve("calendar.yaml"), "\n", java.nio.file.StandardOpenOption.APPEND);
        assertNotEquals(version, RulesetSource.read(drl, dmn, null).version());
    }

    @Test
    void shouldReuseTheCompiledDrlWhenOnlyTablesOrParametersChange() throws IOException {
        RulesetCompiler compiler = new RulesetCompiler();
        Ruleset shipped = compiler.compile(RulesetSource.read(drl, dmn, null));
        String parameters = Files.readString(drl.resolve("parameters.yaml"));
        String changedValue = parameters.replaceFirst("(?m)^(  value: )(\\d+)$", "$1$2$2");
        assertNotEquals(parameters, changedValue);
        Files.writeString(drl.resolve("parameters.yaml"), changedValue);
        Ruleset newParameters = compiler.compile(RulesetSource.read(drl, dmn, null));
        assertSame(shipped.kieBase(), newParameters.kieBase());
        assertNotEquals(values(shipped), values(newParameters), "the new ruleset has the changed parameter");
        assertSame(newParameters.parameters(), newParameters.drlGlobals().get("parameters"), "the rules read the new parameters");

        Files.writeString(drl.resolve("area.drl"), "\n// a comment\n", java.nio.file.StandardOpenOption.APPEND);
        Ruleset newRules = compiler.compile(RulesetSource.read(drl, dmn, null));
        assertNotSame(shipped.kieBase(), newRules.kieBase());
    }

    @Test
    void shouldRefuseAReasonTextQuotingAnOutputItsTableDoesNotHave() throws IOException {
        replace(drl.resolve("reasons.yaml"), "降低{row.points}个百分点", "降低{row.percent}个百分点");
        List<RuleProblem> problems = refused().problems();
        assertTrue(problems.stream().anyMatch(problem -> problem.file().equals("rules-dmn/payout.dmn")
                && problem.message().contains("PAY_UNFILED") && problem.message().contains("percent")), problems.toString());
    }

    @Test
    void shouldRefuseARowOutputInTheTextOfACodeADrlRuleReports() throws IOException {
        String texts = Files.readString(drl.resolve("reasons.yaml"));
        Files.writeString(drl.resolve("reasons.yaml"), texts.replace(
                "zh: 因自杀、自残导致的伤病，费用不予报销", "zh: 因自杀、自残导致的伤病，费用不予报销{row.points}"));
        RuleProblem problem = refused().problems().get(0);
        assertEquals("rules-drl/exclusions.drl", problem.file(), problem.toString());
        assertTrue(problem.message().contains("EXCL_SELF_HARM") && problem.message().contains("DRL rule"), problem.toString());
    }

    @Test
    void shouldRefuseADrlSyntaxErrorNamingFileAndLine() throws IOException {
        replace(drl.resolve("exclusions.drl"), "    Claim( cause == Cause.SELF_HARM )", "    Claim( cause == == Cause.SELF_HARM ");
        RuleProblem problem = refused().problems().get(0);
        assertEquals("rules-drl/exclusions.drl", problem.file());
        assertEquals(lineOf(drl.resolve("exclusions.drl"), "cause == =="), problem.line(), problem.toString());
    }

    @Test
    void shouldRefuseAConditionThatDoesNotTypeCheck() throws IOException {
        replace(drl.resolve("deadlines.drl"), "submittedDate.isAfter(", "submittedDate.isAfterr(");
        RuleProblem problem = refused().problems().get(0);
        assertEquals("rules-drl/deadlines.drl", problem.file(), problem.toString());
        assertTrue(problem.line() > 0, problem.toString());
    }

    @Test
    void shouldRefuseAReasonCodeWithoutTexts() throws IOException {
        replace(drl.resolve("exclusions.drl"), "new Rejection(\"EXCL_SELF_HARM\")", "new Rejection(\"EXCL_SELF_HARMED\")");
        RuleProblem problem = refused().problems().get(0);
        assertEquals("rules-drl/exclusions.drl", problem.file());
        assertEquals(lineOf(drl.resolve("exclusions.drl"), "EXCL_SELF_HARMED"), problem.line());
        assertTrue(problem.message().contains("EXCL_SELF_HARMED"));
    }

    @Test
    void shouldRefuseAParameterThatDoesNotExist() throws IOException {
        replace(drl.resolve("eligibility.drl"), "\"minimumPostingMonths\"", "\"minimumPostingMonth\"");
        RuleProblem problem = refused().problems().get(0);
        assertEquals("rules-drl/eligibility.drl", problem.file());
        assertEquals(lineOf(drl.resolve("eligibility.drl"), "minimumPostingMonth\""), problem.line());
    }

    @Test
    void shouldRefuseBadFeelInADecisionTableNamingFileAndLine() throws IOException {
        replace(dmn.resolve("payout.dmn"), "<text>&gt; 60</text>", "<text>&gt;&gt; 60 +</text>");
        RuleProblem problem = refused().problems().get(0);
        assertEquals("rules-dmn/payout.dmn", problem.file(), problem.toString());
        assertTrue(problem.line() > 0, problem.toString());
    }

    @Test
    void shouldRefuseOverlappingRowsUnderHitPolicyUnique() throws IOException {
        replace(dmn.resolve("payout.dmn"), "id=\"Ratio_reduction_table\" hitPolicy=\"FIRST\"", "id=\"Ratio_reduction_table\" hitPolicy=\"UNIQUE\"");
        RuleProblem problem = refused().problems().get(0);
        assertEquals("rules-dmn/payout.dmn", problem.file(), problem.toString());
        assertTrue(problem.line() > 0, problem.toString());
        assertTrue(problem.message().contains("Overlapping rules"), problem.toString());
    }

    @Test
    void shouldRefuseDmnThatIsNotWellFormedXml() throws IOException {
        replace(dmn.resolve("regions.dmn"), "</decisionTable>", "</decisionTabl>");
        RuleProblem problem = refused().problems().get(0);
        assertEquals("rules-dmn/regions.dmn", problem.file(), problem.toString());
    }

    @Test
    void shouldRefuseAMissingPayoutDecision() throws IOException {
        replace(dmn.resolve("payout.dmn"), "name=\"Ratio reduction\"", "name=\"Ratio cut\"");
        assertTrue(refused().problems().stream().anyMatch(p -> p.message().contains("Ratio reduction")));
    }

    @Test
    void shouldRefuseBrokenYamlNamingFileAndLine() throws IOException {
        Files.writeString(drl.resolve("parameters.yaml"), "minimumResidenceMonths:\n  value: [6\n");
        RuleProblem problem = refused().problems().get(0);
        assertEquals("rules-drl/parameters.yaml", problem.file());
        assertTrue(problem.line() > 0, problem.toString());
    }

    private static List<Object> values(Ruleset ruleset) {
        return ruleset.parameters().names().stream().sorted().map(ruleset.parameters()::get).toList();
    }

    private RulesetInvalidException refused() {
        return assertThrows(RulesetInvalidException.class, () -> new RulesetCompiler().compile(RulesetSource.read(drl, dmn, null)));
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String content = Files.readString(file);
        assertTrue(content.contains(from), file + " should contain " + from);
        Files.writeString(file, content.replace(from, to));
    }

    private static int lineOf(Path file, String text) throws IOException {
        String[] lines = Files.readString(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
