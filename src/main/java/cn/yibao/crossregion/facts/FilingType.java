package cn.yibao.crossregion.facts;

/** 备案类型 (POLICY.md §3). */
public enum FilingType {
    LONG_TERM_RESIDENCE, POSTED_WORKER, STUDENT, RETIREE_RESETTLED, REFERRAL, TEMPORARY_EMERGENCY
}
