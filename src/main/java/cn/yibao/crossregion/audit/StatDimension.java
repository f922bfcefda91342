package cn.yibao.crossregion.audit;

import java.util.Collection;
import java.util.List;

/** What decision_stat counts decisions by (V9); a decision has one key of each, but reason codes, of which it has any number. */
public enum StatDimension {
    OUTCOME("outcome"),
    REASON_CODE("reasonCode"),
    INSURED_REGION("insuredRegion"),
    TREATMENT_REGION("treatmentRegion"),
    RULESET_VERSION("rulesetVersion");

    /** The key of a decision without a value of this dimension (a filing without a treatment region). */
    static final String NONE = "-";

    private final String stored;

    StatDimension(String stored) {
        this.stored = stored;
    }

    /** Its name in decision_stat.dimension and in the stats' groupBy. */
    public String stored() {
        return stored;
    }

    public Collection<String> keysOf(DecisionRecord record) {
        return switch (this) {
            case OUTCOME -> List.of(record.outcome);
            case REASON_CODE -> record.trace.reasonCodes;
            case INSURED_REGION -> List.of(orNone(record.insuredRegion));
            case TREATMENT_REGION -> List.of(orNone(record.treatmentRegion));
            case RULESET_VERSION -> List.of(record.rulesetVersion);
        };
    }

    private static String orNone(String value) {
        return value == null ? NONE : value;
    }
}
