package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.scenarios.ScenarioReport;

/** A stored version that may not go live: its scenario tests fail. */
public class RulesetRejectedException extends RuntimeException {

    private final String version;
    private final transient ScenarioReport tests;

    public RulesetRejectedException(String version, ScenarioReport tests) {
        super("ruleset " + version + " fails " + tests.failed() + " scenario test(s)");
        this.version = version;
        this.tests = tests;
    }

    public String version() {
        return version;
    }

    public ScenarioReport tests() {
        return tests;
    }
}
