package cn.yibao.crossregion.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Yuan amounts: exact decimals, rounded once at the end (POLICY.md §1). */
public final class Money {

    /** Divisions keep at least this many decimal places before the final rounding. */
    public static final int DIVISION_SCALE = 10;

    private Money() {
    }

    public static BigDecimal round(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    public static BigDecimal atLeastZero(BigDecimal amount) {
        return amount.max(BigDecimal.ZERO);
    }

    public static BigDecimal orZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }
}
