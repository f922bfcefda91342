package cn.yibao.crossregion.decision;

import cn.yibao.crossregion.policy.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The payout formula of POLICY.md §5. The numbers come from the DMN tables; this class only
 * does the arithmetic, exactly, and rounds once at the end.
 */
final class PayoutCalculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private PayoutCalculator() {
    }

    static Amounts calculate(BigDecimal total, BigDecimal selfPay, BigDecimal priorPaidThisYear, long stayDays, PayoutTerms terms) {
        BigDecimal covered = Money.atLeastZero(total.subtract(selfPay));
        if (terms.coveredDays() != null) {
            covered = covered.multiply(terms.coveredDays())
                    .divide(BigDecimal.valueOf(stayDays), Money.DIVISION_SCALE, RoundingMode.HALF_UP);
        }
        BigDecimal base = Money.atLeastZero(covered.subtract(terms.deductible()));
        BigDecimal ratio = Money.atLeastZero(terms.baseRatio().subtract(
                terms.reductionPoints().divide(HUNDRED, Money.DIVISION_SCALE, RoundingMode.HALF_UP)));
        BigDecimal capLeft = Money.atLeastZero(terms.annualCap().subtract(priorPaidThisYear));
        BigDecimal payable = Money.round(base.multiply(ratio).min(capLeft));
        return new Amounts(shown(total), shown(selfPay), shown(covered), shown(terms.deductible()), shown(terms.baseRatio()),
                whole(terms.reductionPoints()), shown(ratio), shown(terms.annualCap()), payable,
                shown(priorPaidThisYear), stayDays, terms.coveredDays());
    }

    /** An exact number shown with at least two decimals (5 as 5.00, 0.5 as 0.50, 1.2345 as is). */
    static BigDecimal shown(BigDecimal amount) {
        BigDecimal plain = amount.stripTrailingZeros();
        return plain.scale() < 2 ? plain.setScale(2) : plain;
    }

    /** Points shown without trailing zeros: 20, 12.5. */
    private static BigDecimal whole(BigDecimal points) {
        BigDecimal plain = points.stripTrailingZeros();
        return plain.scale() < 0 ? plain.setScale(0) : plain;
    }
}
