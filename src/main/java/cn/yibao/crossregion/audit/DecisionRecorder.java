package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.rules.FiredRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Writes decisions to the audit trail, each in a transaction that commits before the answer leaves. */
@ApplicationScoped
public class DecisionRecorder {

    @Transactional
    public void record(DecisionEntry entry) {
        DecisionRecord record = new DecisionRecord();
        record.id = entry.id();
        record.decisionType = entry.type();
        record.claimId = entry.claimId();
        record.outcome = entry.outcome();
        record.personIdMasked = entry.personIdMasked();
        record.insuredRegion = entry.insuredRegion();
        record.treatmentRegion = entry.treatmentRegion();
        record.rulesetVersion = entry.rulesetVersion();
        record.evaluatedAt = entry.evaluatedAt();
        record.durationMicros = entry.durationMicros();
        record.requestJson = entry.requestJson();
        record.responseJson = entry.responseJson();
        record.reasonCodes.addAll(entry.reasonCodes());
        for (FiredRule fired : entry.firedRules()) {
            if (FiredRule.DRL.equals(fired.engine())) {
                record.firedRules.add(row(fired, fired.name(), null));
            } else if (fired.rows().isEmpty()) {
                record.firedRules.add(row(fired, fired.model() + "/" + fired.decision(), null));
            } else {
                for (int i = 0; i < fired.rows().size(); i++) {
                    record.firedRules.add(row(fired, fired.keys().get(i), fired.rows().get(i)));
                }
            }
        }
        record.persist();
    }

    private static FiredRuleRow row(FiredRule fired, String key, Integer dmnRow) {
        FiredRuleRow row = new FiredRuleRow();
        row.engine = fired.engine();
        row.ruleKey = key;
        row.file = fired.file();
        row.dmnModel = fired.model();
        row.dmnDecision = fired.decision();
        row.dmnRow = dmnRow;
        return row;
    }
}
