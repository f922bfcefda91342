package cn.yibao.crossregion.decision;

import java.math.BigDecimal;

/**
 * The money of a claim decision (POLICY.md §5). Every step is exact; only {@code payable} is
 * rounded (HALF_UP to 0.01). A rejected claim has total, self-pay and payable 0, nothing else.
 */
public record Amounts(
        BigDecimal total,
        BigDecimal selfPay,
        BigDecimal covered,
        BigDecimal deductible,
        BigDecimal baseRatio,
        BigDecimal reductionPoints,
        BigDecimal ratio,
        BigDecimal annualCap,
        BigDecimal payable) {

    static Amounts rejected(BigDecimal total, BigDecimal selfPay) {
        return new Amounts(PayoutCalculator.shown(total), PayoutCalculator.shown(selfPay), null, null, null, null, null, null, BigDecimal.ZERO.setScale(2));
    }
}
