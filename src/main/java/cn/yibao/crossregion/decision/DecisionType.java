package cn.yibao.crossregion.decision;

public enum DecisionType {
    CLAIM, FILING
}
