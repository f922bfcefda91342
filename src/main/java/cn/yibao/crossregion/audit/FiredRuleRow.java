package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.rules.FiredRule;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One fired DRL rule, or one selected DMN row, of a decision trace. */
@Embeddable
public class FiredRuleRow {

    @Column(name = "engine", nullable = false)
    public String engine;

    @Column(name = "rule_key", nullable = false)
    public String ruleKey;

    @Column(name = "rule_file")
    public String file;

    @Column(name = "dmn_model")
    public String dmnModel;

    @Column(name = "dmn_decision")
    public String dmnDecision;

    @Column(name = "dmn_row")
    public Integer dmnRow;

    static FiredRuleRow of(FiredRule fired, String key, Integer dmnRow) {
        FiredRuleRow row = new FiredRuleRow();
        row.engine = fired.engine();
        row.ruleKey = key;
        row.file = fired.file();
        row.dmnModel = fired.model();
        row.dmnDecision = fired.decision();
        row.dmnRow = dmnRow;
        return row;
    }

    /** This row as one field of a canonical form (RecordHash, DecisionTrace). */
    String canonical() {
        return engine + "|" + ruleKey + "|" + file + "|" + dmnModel + "|" + dmnDecision + "|" + dmnRow;
    }
}
