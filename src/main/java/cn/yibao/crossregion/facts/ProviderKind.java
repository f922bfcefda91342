package cn.yibao.crossregion.facts;

/** 医院或药店. */
public enum ProviderKind {
    HOSPITAL, PHARMACY
}
