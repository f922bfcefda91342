package cn.yibao.crossregion.api;

/** What a filing request asks for. */
public enum FilingAction {
    APPLY, CANCEL
}
