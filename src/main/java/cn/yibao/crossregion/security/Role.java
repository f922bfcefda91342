package cn.yibao.crossregion.security;

/** The three roles of the service and what each may do. */
public final class Role {

    /** Front offices and hospital settlement systems: the decision endpoints. */
    public static final String CALLER = "caller";
    /** Policy analysts: rulesets, drafts, activation, replays. */
    public static final String ANALYST = "analyst";
    /** Auditors: decisions, explanations, export, verify, the audit page. */
    public static final String AUDITOR = "auditor";

    private Role() {
    }
}
