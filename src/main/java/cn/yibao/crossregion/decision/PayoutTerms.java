package cn.yibao.crossregion.decision;

import java.math.BigDecimal;

/**
 * What the payout tables decided for a claim: deductible, base ratio and annual cap, the ratio
 * reduction in percentage points, and the days of the stay that are covered (null: all of them).
 */
record PayoutTerms(BigDecimal deductible, BigDecimal baseRatio, BigDecimal annualCap,
                   BigDecimal reductionPoints, BigDecimal coveredDays) {
}
