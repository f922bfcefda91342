package cn.yibao.crossregion.scenarios;

import cn.yibao.crossregion.decision.DecisionService;
import cn.yibao.crossregion.facts.DecisionType;
import cn.yibao.crossregion.rules.RuleProblem;
import cn.yibao.crossregion.rules.Ruleset;
import cn.yibao.crossregion.rules.RulesetInvalidException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a ruleset's scenarios in-process, on that ruleset, before it may go live. Nothing is
 * recorded. The same scenarios run over HTTP in the test suite ({@code RuleScenariosTest}).
 */
@ApplicationScoped
public class ScenarioRunner {

    private final DecisionService decisions;

    public ScenarioRunner(DecisionService decisions) {
        this.decisions = decisions;
    }

    /** Runs every scenario; scenario files that do not parse make the ruleset invalid. */
    public ScenarioReport run(Ruleset ruleset) {
        List<RuleProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = ScenarioSuite.parse(ruleset.source(), problems);
        if (!problems.isEmpty()) {
            throw new RulesetInvalidException(problems);
        }
        int passed = 0;
        List<ScenarioReport.Failure> failures = new ArrayList<>();
        List<ScenarioReport.CaseResult> cases = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            List<String> mismatches = check(scenario, ruleset);
            cases.add(new ScenarioReport.CaseResult(scenario.file(), scenario.line(), scenario.name(), mismatches.isEmpty()));
            if (mismatches.isEmpty()) {
                passed++;
            } else {
                failures.add(new ScenarioReport.Failure(scenario.file(), scenario.line(), scenario.name(), mismatches));
            }
        }
        return new ScenarioReport(passed, failures.size(), failures, cases);
    }

    private List<String> check(Scenario scenario, Ruleset ruleset) {
        try {
            JsonNode answer = decisions.answer(DecisionType.valueOf(scenario.decision().toUpperCase(Locale.ROOT)), scenario.request(), ruleset);
            return Expectations.mismatches(scenario.expect(), answer);
        } catch (JsonProcessingException e) {
            return List.of("the request is not valid: " + e.getOriginalMessage());
        } catch (ConstraintViolationException e) {
            return e.getConstraintViolations().stream()
                    .map(v -> "the request is not valid: " + v.getPropertyPath() + " " + v.getMessage()).toList();
        } catch (RuntimeException e) {
            return List.of("the rules failed on this case: " + e.getMessage());
        }
    }
}
