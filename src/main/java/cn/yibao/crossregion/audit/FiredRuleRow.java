package cn.yibao.crossregion.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One fired DRL rule, or one selected DMN row, of a recorded decision. */
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
}
