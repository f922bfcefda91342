package cn.yibao.crossregion.facts;

/** 参保类型 insurance scheme. */
public enum Scheme {
    EMPLOYEE, RESIDENT
}
