package cn.yibao.crossregion.facts;

/** 住院或门诊. */
public enum CareType {
    INPATIENT, OUTPATIENT
}
