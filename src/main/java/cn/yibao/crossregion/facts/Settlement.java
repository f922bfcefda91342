package cn.yibao.crossregion.facts;

/** 直接结算 or 回参保地报销. */
public enum Settlement {
    DIRECT, REIMBURSEMENT
}
