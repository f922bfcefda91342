package cn.yibao.crossregion.scenarios;

import cn.yibao.crossregion.api.ClaimRequest;
import cn.yibao.crossregion.api.FilingRequest;
import cn.yibao.crossregion.decision.DecisionService;
import cn.yibao.crossregion.rules.RuleProblem;
import cn.yibao.crossregion.rules.Ruleset;
import cn.yibao.crossregion.rules.RulesetInvalidException;
import cn.yibao.crossregion.api.JsonSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs a ruleset's scenarios in-process, on that ruleset, before it may go live. Nothing is
 * recorded. The same scenarios run over HTTP in the test suite ({@code RuleScenariosTest}).
 */
@ApplicationScoped
public class ScenarioRunner {

    private final DecisionService decisions;
    private final ObjectMapper json;
    private final ObjectMapper exact;
    private final Validator validator;

    public ScenarioRunner(DecisionService decisions, ObjectMapper json, Validator validator) {
        this.decisions = decisions;
        this.json = json;
        this.exact = JsonSettings.exact(json);
        this.validator = validator;
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
        for (Scenario scenario : scenarios) {
            List<String> mismatches = check(scenario, ruleset);
            if (mismatches.isEmpty()) {
                passed++;
            } else {
                failures.add(new ScenarioReport.Failure(scenario.file(), scenario.line(), scenario.name(), mismatches));
            }
        }
        return new ScenarioReport(passed, failures.size(), failures);
    }

    private List<String> check(Scenario scenario, Ruleset ruleset) {
        try {
            Object answer;
            if ("claim".equals(scenario.decision())) {
                ClaimRequest request = json.treeToValue(scenario.request(), ClaimRequest.class);
                List<String> invalid = violations(validator.validate(request));
                if (!invalid.isEmpty()) {
                    return invalid;
                }
                answer = decisions.answerClaim(request, ruleset);
            } else {
                FilingRequest request = json.treeToValue(scenario.request(), FilingRequest.class);
                List<String> invalid = violations(validator.validate(request));
                if (!invalid.isEmpty()) {
                    return invalid;
                }
                answer = decisions.answerFiling(request, ruleset);
            }
            return Expectations.mismatches(scenario.expect(), exact.readTree(json.writeValueAsString(answer)));
        } catch (JsonProcessingException e) {
            return List.of("the request is not valid: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            return List.of("the rules failed on this case: " + e.getMessage());
        }
    }

    private static List<String> violations(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream().map(v -> "the request is not valid: " + v.getPropertyPath() + " " + v.getMessage()).toList();
    }
}
