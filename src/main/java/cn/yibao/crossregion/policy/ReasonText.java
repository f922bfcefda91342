package cn.yibao.crossregion.policy;

/** What {@code rules-drl/reasons.yaml} says about one reason code, parameters filled in. */
public record ReasonText(String code, ReasonKind kind, String zh, String en, String source) {
}
