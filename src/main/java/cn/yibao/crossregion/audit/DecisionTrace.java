package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.rules.FiredRule;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The path a decision took through the rules: its type, outcome and ruleset version, its reason
 * codes, and every DRL rule that fired and DMN row that was selected, in order. Decisions that took
 * the same path share one trace, written once and named by the SHA-256 of its content
 * ({@link #idOf}), so that the reasons and rules of thousands of decisions a second are rows
 * written a few times per ruleset, not per decision. Never changed once written.
 */
@Entity
@Table(name = "decision_trace")
public class DecisionTrace extends PanacheEntityBase {

    /** Traces of decisions recorded before traces existed (migration V5): one per decision, named by it, not by a hash. */
    public static final String LEGACY_PREFIX = "legacy-";

    @Id
    @Column(name = "trace_id")
    public String id;

    @Column(name = "decision_type", nullable = false)
    public String decisionType;

    @Column(nullable = false)
    public String outcome;

    @Column(name = "ruleset_version", nullable = false)
    public String rulesetVersion;

    @ElementCollection
    @CollectionTable(name = "decision_trace_reason", joinColumns = @JoinColumn(name = "trace_id"))
    @Column(name = "code", nullable = false)
    public Set<String> reasonCodes = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "decision_trace_rule", joinColumns = @JoinColumn(name = "trace_id"))
    @OrderColumn(name = "position")
    public List<FiredRuleRow> firedRules = new ArrayList<>();

    /** The trace of this decision, named by its content. */
    public static DecisionTrace of(DecisionEntry entry) {
        DecisionTrace trace = new DecisionTrace();
        trace.decisionType = entry.type();
        trace.outcome = entry.outcome();
        trace.rulesetVersion = entry.rulesetVersion();
        trace.reasonCodes.addAll(entry.reasonCodes());
        for (FiredRule fired : entry.firedRules()) {
            if (FiredRule.DRL.equals(fired.engine())) {
                trace.firedRules.add(FiredRuleRow.of(fired, fired.name(), null));
            } else if (fired.rows().isEmpty()) {
                trace.firedRules.add(FiredRuleRow.of(fired, fired.model() + "/" + fired.decision(), null));
            } else {
                for (int i = 0; i < fired.rows().size(); i++) {
                    trace.firedRules.add(FiredRuleRow.of(fired, fired.keys().get(i), fired.rows().get(i)));
                }
            }
        }
        trace.id = idOf(trace);
        return trace;
    }

    /** The SHA-256 of everything a trace says, each field length-prefixed (as in {@link RecordHash}). */
    public static String idOf(DecisionTrace trace) {
        Canonical canonical = new Canonical("decision-trace/v1")
                .field(trace.decisionType).field(trace.outcome).field(trace.rulesetVersion)
                .field(String.join(",", new TreeSet<>(trace.reasonCodes)));
        trace.firedRules.forEach(row -> canonical.field(row.canonical()));
        return canonical.sha256();
    }
}
