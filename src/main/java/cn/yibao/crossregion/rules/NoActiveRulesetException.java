package cn.yibao.crossregion.rules;

/** No ruleset is live yet: the service cannot decide. */
public class NoActiveRulesetException extends RuntimeException {

    public NoActiveRulesetException() {
        super("no ruleset is active");
    }
}
