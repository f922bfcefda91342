package cn.yibao.crossregion.audit.read;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A recorded decision in words, zh and en: its reasons with their seed sources, the rules and
 * table rows in the order they fired, each table with its matched rows, and the payout worked
 * step by step. {@code policyDate} and {@code timelineEntry}: the date whose policy decided and
 * the timeline entry in force on it (both null for decisions recorded before the timeline).
 */
public record Explanation(
        String decisionId,
        String type,
        String outcome,
        String rulesetVersion,
        LocalDate policyDate,
        TimelineEntries.DecidingEntry timelineEntry,
        Instant evaluatedAt,
        Text summary,
        List<Reason> reasons,
        List<Step> fired,
        List<Table> tables,
        List<PayoutStep> payout) {

    public record Text(String zh, String en) {
    }

    public record Reason(String code, String kind, Text message, String source) {
    }

    /** One DRL rule that fired, or one DMN table evaluated (with the rows it selected), in order. */
    public record Step(int order, String engine, String name, String file, String source, String model, String decision,
                       List<Integer> rows) {
    }

    /** A DMN decision table as it stood in that ruleset version; tables up to 200 rows come whole, larger ones by their matched rows. */
    public record Table(String model, String decision, String hitPolicy, List<String> inputs, List<String> outputs,
                        int rowCount, List<Row> rows) {
    }

    public record Row(int number, List<String> inputEntries, List<String> outputEntries, String annotation, boolean matched) {
    }

    public record PayoutStep(String step, Text description, String formula, BigDecimal value) {
    }
}
