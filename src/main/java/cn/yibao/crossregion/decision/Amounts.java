package cn.yibao.crossregion.decision;

import java.math.BigDecimal;

/**
 * The money of a claim decision (POLICY.md §5). Every step is exact; only {@code payable} is
 * rounded (HALF_UP to 0.01). {@code coveredDays} is set when only part of the stay is covered
 * (a referral beyond its day limit): covered = (total - selfPay) x coveredDays / stayDays.
 * A rejected claim reports its total and self-pay, payable 0, and nothing else.
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
        BigDecimal payable,
        BigDecimal priorPaidThisYear,
        Long stayDays,
        BigDecimal coveredDays) {

    static Amounts rejected(BigDecimal total, BigDecimal selfPay) {
        return new Amounts(PayoutCalculator.shown(total), PayoutCalculator.shown(selfPay), null, null, null, null, null, null,
                BigDecimal.ZERO.setScale(2), null, null, null);
    }
}
