package cn.yibao.crossregion.facts;

/** 人员状态. */
public enum InsuredStatus {
    EMPLOYED, RETIRED, STUDENT, OTHER
}
