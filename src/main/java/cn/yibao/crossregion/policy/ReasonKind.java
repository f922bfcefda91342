package cn.yibao.crossregion.policy;

/** How a reason is presented to the caller (API.md {@code reasons[].kind}). */
public enum ReasonKind {
    EXCLUSION, ELIGIBILITY, ADJUSTMENT, INFO
}
