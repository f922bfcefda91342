package cn.yibao.crossregion.facts;

public enum DecisionType {
    CLAIM, FILING
}
