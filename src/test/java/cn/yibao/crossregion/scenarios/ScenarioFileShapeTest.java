package cn.yibao.crossregion.scenarios;

import cn.yibao.crossregion.rules.RuleFile;
import cn.yibao.crossregion.rules.RuleProblem;
import cn.yibao.crossregion.rules.RulesetSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A scenario file with a typo is a load error at its line, never a case that checks nothing. */
class ScenarioFileShapeTest {

    private static final String FILE = "rules-tests/typos.yaml";
    private static final String BASE = """
            claim: { claimId: base }
            filing: { action: APPLY }
            """;

    private static List<RuleProblem> problemsOf(String scenarios) {
        List<RuleProblem> problems = new ArrayList<>();
        ScenarioSuite.parse(new RulesetSource(List.of(new RuleFile(ScenarioSuite.BASE, BASE), new RuleFile(FILE, scenarios))), problems);
        return problems;
    }

    private static void assertOneProblem(String scenarios, int line, String saying) {
        List<RuleProblem> problems = problemsOf(scenarios);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(FILE, problems.get(0).file());
        assertEquals(line, problems.get(0).line(), problems.toString());
        assertTrue(problems.get(0).message().contains(saying), problems.get(0).message());
    }

    @Test
    void shouldAcceptAWellFormedCase() {
        assertEquals(List.of(), problemsOf("""
                decision: claim
                cases:
                  - name: a case
                    source: POLICY.md §1
                    request: { claimId: x }
                    expect: { outcome: APPROVED, amounts: { payable: 1.00 } }
                """));
    }

    @Test
    void shouldNameAMisspeltExpectationAtItsLine() {
        assertOneProblem("""
                cases:
                  - name: reasons misspelt
                    source: POLICY.md §1
                    expect:
                      outcome: REJECTED
                      reason: [EXCL_ABROAD]
                """, 6, "unknown key \"reason\" in expect:");
    }

    @Test
    void shouldNameAMisspeltAmount() {
        assertOneProblem("""
                cases:
                  - name: payable misspelt
                    source: POLICY.md §5
                    expect: { amounts: { payble: 1.00 } }
                """, 4, "unknown key \"payble\" in expect.amounts:");
    }

    @Test
    void shouldNameAnUnknownKeyOfACaseAndOfTheFile() {
        assertOneProblem("""
                cases:
                  - name: expected misspelt
                    source: POLICY.md §1
                    expected: { outcome: APPROVED }
                    expect: { outcome: APPROVED }
                """, 4, "unknown key \"expected\" in a case");
        assertOneProblem("""
                decison: filing
                cases:
                  - name: fine
                    source: POLICY.md §1
                    expect: { outcome: APPROVED }
                """, 1, "unknown key \"decison\" in a scenario file");
    }

    @Test
    void shouldRefuseACaseWithoutExpectOrWithAnEmptyOne() {
        assertOneProblem("""
                cases:
                  - name: nothing expected
                    source: POLICY.md §1
                    request: { claimId: x }
                """, 2, "a case needs expect:");
        assertOneProblem("""
                cases:
                  - name: expects nothing
                    source: POLICY.md §1
                    expect: {}
                """, 4, "expect: must name at least one of");
    }

    @Test
    void shouldRefuseACaseWithoutItsSourceAndTwoCasesOfOneName() {
        assertOneProblem("""
                cases:
                  - name: no source
                    expect: { outcome: APPROVED }
                """, 2, "a case needs source:");
        assertOneProblem("""
                cases:
                  - name: twice
                    source: POLICY.md §1
                    expect: { outcome: APPROVED }
                  - name: twice
                    source: POLICY.md §1
                    expect: { outcome: REJECTED }
                """, 5, "two cases are named \"twice\"");
    }
}
