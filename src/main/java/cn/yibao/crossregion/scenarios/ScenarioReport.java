package cn.yibao.crossregion.scenarios;

import java.util.List;

/**
 * How a ruleset fared on its scenarios: counts, each failing case with file, line and what
 * differed, and every case in file order with whether it passed (the analyst page lists them).
 */
public record ScenarioReport(int passed, int failed, List<Failure> failures, List<CaseResult> cases) {

    public record Failure(String file, int line, String name, List<String> mismatches) {
    }

    public record CaseResult(String file, int line, String name, boolean passed) {
    }

    public boolean allPassed() {
        return failed == 0;
    }
}
