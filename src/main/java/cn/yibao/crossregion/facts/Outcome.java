package cn.yibao.crossregion.facts;

/** A claim is APPROVED or REJECTED; a filing request ACCEPTED or REJECTED. */
public enum Outcome {
    APPROVED, ACCEPTED, REJECTED
}
