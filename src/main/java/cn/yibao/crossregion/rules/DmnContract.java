package cn.yibao.crossregion.rules;

import java.util.List;
import java.util.Map;

/**
 * The names by which the service reaches into the DMN models: models, decisions and the
 * fields of their results. A ruleset whose models lack one of them does not load.
 */
public final class DmnContract {

    public static final String REGIONS = "regions";
    public static final String FILING_REQUIRED_WITHIN_PROVINCE = "Filing required within the province";

    public static final String PAYOUT = "payout";
    public static final String BASE_POLICY = "Base policy";
    public static final String RATIO_REDUCTION = "Ratio reduction";
    public static final String REFERRAL_DAY_LIMIT = "Referral day limit";

    static final Map<String, List<String>> REQUIRED_DECISIONS = Map.of(
            REGIONS, List.of(FILING_REQUIRED_WITHIN_PROVINCE),
            PAYOUT, List.of(BASE_POLICY, RATIO_REDUCTION, REFERRAL_DAY_LIMIT));

    /** The output column of a decision table that holds a reason code of rules-drl/reasons.yaml. */
    static final String CODE_OUTPUT = "code";

    private DmnContract() {
    }
}
