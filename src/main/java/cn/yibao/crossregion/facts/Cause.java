package cn.yibao.crossregion.facts;

/** 致病原因. */
public enum Cause {
    ILLNESS, FIGHT, DRUNKENNESS, ILLEGAL_ACT, SELF_HARM, TRAFFIC_ACCIDENT, MEDICAL_ACCIDENT
}
