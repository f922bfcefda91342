package cn.yibao.crossregion.api.validation;

/**
 * What can be wrong with a field of a request, in English and Chinese. Constraint annotations
 * name one of these as their {@code message}; the error response gives both texts.
 */
public enum FieldProblem {
    REQUIRED("is required", "不能为空"),
    REGION_CODE("must be a 6-digit region code (GB/T 2260)", "必须是6位行政区划代码（GB/T 2260）"),
    NEGATIVE("must not be negative", "不能为负数"),
    AMOUNT_FORMAT("must be an amount of yuan with at most 12 integer digits and 2 decimals", "金额整数部分最多12位，小数最多2位"),
    LEVEL("must be 1, 2 or 3", "必须是1、2或3"),
    TOO_LONG("is too long", "长度超出限制"),
    CONTROL_CHARACTERS("must not contain control characters", "不能包含控制字符"),
    DATE("must be a date yyyy-MM-dd", "必须是 yyyy-MM-dd 格式的日期"),
    DATE_RANGE("must be a date between 1900-01-01 and 2999-12-31", "日期必须在1900-01-01至2999-12-31之间"),
    DISCHARGE_BEFORE_ADMISSION("must not be before treatment.admissionDate", "出院日期不能早于入院日期"),
    REQUIRED_WHEN_DOMESTIC("is required when treatment.location is DOMESTIC", "境内就医时必须填写"),
    REQUIRED_WHEN_HOSPITAL("is required when provider.kind is HOSPITAL", "在医院就医时必须填写医院等级"),
    REQUIRED_FOR_REFERRAL("a REFERRAL filing needs filing.referral.transferDate or treatment.admissionDate",
            "转诊转院备案须提供转院日期或入院日期"),
    REQUIRED_WHEN_REIMBURSEMENT("is required when settlement is REIMBURSEMENT", "回参保地报销时必须填写"),
    REQUIRED_FOR_APPLY("is required when action is APPLY", "申请备案时必须填写"),
    REQUIRED_FOR_CANCEL("is required when action is CANCEL", "取消备案时必须填写"),
    ONE_OF("must be one of %s", "必须是以下之一：%s"),
    NOT_A_NUMBER("must be a number", "必须是数字"),
    NOT_A_BOOLEAN("must be true or false", "必须是 true 或 false"),
    NOT_A_STRING("must be a string", "必须是字符串"),
    NOT_AN_OBJECT("must be an object", "必须是JSON对象"),
    NOT_A_LIST("must be a list", "必须是列表"),
    WRONG_TYPE("has the wrong type", "类型错误"),
    WHOLE_NUMBER_RANGE("must be a whole number from %s to %s", "必须是%s到%s之间的整数"),
    MALFORMED_JSON("is not valid JSON (%s)", "不是有效的JSON（%s）"),
    BODY_REQUIRED("a JSON object is required", "请求体必须是JSON对象"),
    IDEMPOTENCY_KEY_FORMAT("must be 1 to 100 printable ASCII characters", "必须是1至100个可打印的ASCII字符"),
    IDEMPOTENCY_KEY_REUSED("was used before with another request; send a new key for a new request",
            "已用于另一个不同的请求；新的请求请使用新的幂等键"),
    NO_POLICY_ON_DATE("is %s, before the first entry of the policy timeline (%s): no policy was in force then",
            "为%s，早于政策时间线的第一个生效日期（%s）：当时无有效政策"),
    INSTANT("must be an instant such as 2026-03-01T00:00:00Z", "必须是时间点，例如 2026-03-01T00:00:00Z"),
    CURSOR("is not a cursor of this list: pass the next value of the page before", "不是本列表的游标：请使用上一页返回的 next 值"),
    RANGE_ORDER("must not be after to", "不能晚于 to"),
    INVALID("is not valid", "无效");

    private final String en;
    private final String zh;

    FieldProblem(String en, String zh) {
        this.en = en;
        this.zh = zh;
    }

    public FieldError at(String field, Object... args) {
        return new FieldError(field, String.format(en, args), String.format(zh, args));
    }
}
