package cn.yibao.crossregion.facts;

/** 就医地点. */
public enum Location {
    DOMESTIC, HK_MACAO_TAIWAN, ABROAD
}
