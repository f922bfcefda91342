package cn.yibao.crossregion.api;

import cn.yibao.crossregion.policy.ReasonKind;
import cn.yibao.crossregion.policy.ReasonText;

/** A reason as the caller sees it: code, kind, both texts and the seed passage behind it. */
public record ReasonView(String code, ReasonKind kind, Message message, String source) {

    public record Message(String zh, String en) {
    }

    public static ReasonView of(ReasonText text) {
        return new ReasonView(text.code(), text.kind(), new Message(text.zh(), text.en()), text.source());
    }
}
