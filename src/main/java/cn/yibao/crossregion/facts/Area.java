package cn.yibao.crossregion.facts;

/** 就医地与参保地的关系 (POLICY.md §1). */
public enum Area {
    LOCAL, INTRA_PROVINCE, CROSS_PROVINCE
}
