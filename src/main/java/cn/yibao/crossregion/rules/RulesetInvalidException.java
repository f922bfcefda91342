package cn.yibao.crossregion.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A ruleset that does not compile or validate; it never goes live. */
public class RulesetInvalidException extends RuntimeException {

    private final transient List<RuleProblem> problems;

    public RulesetInvalidException(List<RuleProblem> problems) {
        super("the ruleset cannot go live:\n  "
                + problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
