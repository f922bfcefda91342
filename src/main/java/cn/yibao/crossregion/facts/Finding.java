package cn.yibao.crossregion.facts;

/**
 * A reason code a rule found. The subclass says what it does to the decision; texts, kind
 * and source of each code are in {@code rules-drl/reasons.yaml}.
 */
public abstract class Finding {

    private final String code;

    protected Finding(String code) {
        this.code = code;
    }

    public String getCode() { return code; }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + code + ")";
    }
}
