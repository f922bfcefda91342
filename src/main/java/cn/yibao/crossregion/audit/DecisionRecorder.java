package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.rules.FiredRule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes decisions to the audit trail, each in a transaction that commits before the answer
 * leaves, as the next link of this instance's hash chain ({@code audit.chain-id}).
 */
@ApplicationScoped
public class DecisionRecorder {

    private final String chainId;

    public DecisionRecorder(@ConfigProperty(name = "audit.chain-id", defaultValue = "main") String chainId) {
        this.chainId = chainId;
    }

    void startChain(@Observes StartupEvent event) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (AuditChain.findById(chainId) == null) {
                    AuditChain head = new AuditChain();
                    head.chainId = chainId;
                    head.lastSeq = 0;
                    head.lastHash = AuditChain.GENESIS;
                    head.persist();
                }
            });
        } catch (RuntimeException startedByAnotherInstance) {
            if (QuarkusTransaction.requiringNew().call(() -> AuditChain.findById(chainId)) == null) {
                throw startedByAnotherInstance;
            }
        }
    }

    @Transactional
    public void record(DecisionEntry entry) {
        DecisionRecord record = new DecisionRecord();
        record.id = entry.id();
        record.decisionType = entry.type();
        record.claimId = entry.claimId();
        record.outcome = entry.outcome();
        record.personIdMasked = entry.personIdMasked();
        record.personIdHash = entry.personIdHash();
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
        AuditChain head = AuditChain.findById(chainId, LockModeType.PESSIMISTIC_WRITE);
        record.chainId = chainId;
        record.chainSeq = head.lastSeq + 1;
        record.previousHash = head.lastHash;
        record.recordHash = RecordHash.of(record);
        record.persist();
        head.lastSeq = record.chainSeq;
        head.lastHash = record.recordHash;
        head.lastDecisionId = record.id;
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
