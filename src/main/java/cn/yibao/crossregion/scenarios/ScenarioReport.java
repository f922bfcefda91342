package cn.yibao.crossregion.scenarios;

import java.util.List;

/** How a ruleset fared on its scenarios: counts, and each failing case with file, line and what differed. */
public record ScenarioReport(int passed, int failed, List<Failure> failures) {

    public record Failure(String file, int line, String name, List<String> mismatches) {
    }

    public boolean allPassed() {
        return failed == 0;
    }
}
