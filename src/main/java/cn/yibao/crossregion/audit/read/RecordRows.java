package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.audit.DecisionTrace;
import cn.yibao.crossregion.audit.DeflatedJson;
import cn.yibao.crossregion.audit.FiredRuleRow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Decision records read with plain JDBC, for the reads that walk the whole trail (verify, export):
 * one projection of the columns, into records that Hibernate never sees, and their traces read once
 * and kept. A Hibernate entity costs about twenty times more per row than these columns do.
 */
final class RecordRows {

    /** Every column of a record that its hash, its export or its checks read, in the order {@link #record} reads them. */
    static final String COLUMNS = "evaluated_at, id, decision_type, claim_id, outcome, person_id_masked, person_id_hash, insured_region,"
            + " treatment_region, ruleset_version, policy_date, timeline_entry, duration_micros, payable, chain_id, chain_seq,"
            + " previous_hash, record_hash, trace_id, request_json, response_json, request_deflated, response_deflated";

    /** Beyond this many known traces the cache starts again (legacy traces are one per decision). */
    private static final int MAX_TRACES = 20_000;
    private static final int IN_LIST = 500;
    private static final DeflatedJson DEFLATED = new DeflatedJson();

    /** A record as read, its JSON still deflated until {@link #inflate} (which may run on another thread). */
    static final class Row {
        final DecisionRecord record;
        final String traceId;
        private byte[] requestDeflated;
        private byte[] responseDeflated;

        private Row(DecisionRecord record, String traceId, byte[] requestDeflated, byte[] responseDeflated) {
            this.record = record;
            this.traceId = traceId;
            this.requestDeflated = requestDeflated;
            this.responseDeflated = responseDeflated;
        }

        /** Sets the request and response text, as the entity's @PostLoad does: deflated (V9), else the text of older records. */
        DecisionRecord inflate() {
            inflateResponse();
            record.requestJson = text(requestDeflated, record.requestJson, record.requestJsonText);
            requestDeflated = null;
            return record;
        }

        DecisionRecord inflateResponse() {
            record.responseJson = text(responseDeflated, record.responseJson, record.responseJsonText);
            responseDeflated = null;
            return record;
        }

        private static String text(byte[] deflated, String inflated, String older) {
            if (deflated != null) {
                return DEFLATED.convertToEntityAttribute(deflated);
            }
            return inflated != null ? inflated : older;
        }
    }

    private final Map<String, DecisionTrace> traces = new HashMap<>();

    /** The record of the current row of a query that selected {@link #COLUMNS} first; its trace is set by {@link #withTraces}. */
    static Row row(ResultSet rows) throws SQLException {
        DecisionRecord record = new DecisionRecord();
        record.evaluatedAt = rows.getObject(1, OffsetDateTime.class).toInstant();
        record.id = rows.getString(2);
        record.decisionType = rows.getString(3);
        record.claimId = rows.getString(4);
        record.outcome = rows.getString(5);
        record.personIdMasked = rows.getString(6);
        record.personIdHash = rows.getString(7);
        record.insuredRegion = rows.getString(8);
        record.treatmentRegion = rows.getString(9);
        record.rulesetVersion = rows.getString(10);
        record.policyDate = rows.getObject(11, LocalDate.class);
        long timelineEntry = rows.getLong(12);
        record.timelineEntry = rows.wasNull() ? null : timelineEntry;
        record.durationMicros = rows.getLong(13);
        record.payable = rows.getBigDecimal(14);
        record.chainId = rows.getString(15);
        long seq = rows.getLong(16);
        record.chainSeq = rows.wasNull() ? null : seq;
        record.previousHash = rows.getString(17);
        record.recordHash = rows.getString(18);
        String traceId = rows.getString(19);
        record.requestJsonText = rows.getString(20);
        record.responseJsonText = rows.getString(21);
        return new Row(record, traceId, rows.getBytes(22), rows.getBytes(23));
    }

    /** Sets each row's trace, reading the ones not known yet; a trace that is not there leaves the record's trace null. */
    void withTraces(Connection connection, Collection<Row> rows) throws SQLException {
        List<String> missing = rows.stream().map(row -> row.traceId).distinct().filter(id -> !traces.containsKey(id)).toList();
        if (traces.size() + missing.size() > MAX_TRACES) {
            traces.clear();
            missing = rows.stream().map(row -> row.traceId).distinct().toList();
        }
        for (int from = 0; from < missing.size(); from += IN_LIST) {
            read(connection, missing.subList(from, Math.min(missing.size(), from + IN_LIST)));
        }
        for (Row row : rows) {
            row.record.trace = traces.get(row.traceId);
        }
    }

    private void read(Connection connection, List<String> ids) throws SQLException {
        String in = " in (" + String.join(", ", ids.stream().map(id -> "?").toList()) + ")";
        Map<String, DecisionTrace> found = new HashMap<>();
        try (PreparedStatement statement = bind(connection.prepareStatement(
                "select trace_id, decision_type, outcome, ruleset_version from decision_trace where trace_id" + in), ids);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                DecisionTrace trace = new DecisionTrace();
                trace.id = rows.getString(1);
                trace.decisionType = rows.getString(2);
                trace.outcome = rows.getString(3);
                trace.rulesetVersion = rows.getString(4);
                trace.reasonCodes = new LinkedHashSet<>();
                trace.firedRules = new ArrayList<>();
                found.put(trace.id, trace);
            }
        }
        try (PreparedStatement statement = bind(connection.prepareStatement(
                "select trace_id, code from decision_trace_reason where trace_id" + in + " order by trace_id, code"), ids);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.get(rows.getString(1)).reasonCodes.add(rows.getString(2));
            }
        }
        try (PreparedStatement statement = bind(connection.prepareStatement("select trace_id, engine, rule_key, rule_file, dmn_model,"
                + " dmn_decision, dmn_row from decision_trace_rule where trace_id" + in + " order by trace_id, position"), ids);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                FiredRuleRow rule = new FiredRuleRow();
                rule.engine = rows.getString(2);
                rule.ruleKey = rows.getString(3);
                rule.file = rows.getString(4);
                rule.dmnModel = rows.getString(5);
                rule.dmnDecision = rows.getString(6);
                int dmnRow = rows.getInt(7);
                rule.dmnRow = rows.wasNull() ? null : dmnRow;
                found.get(rows.getString(1)).firedRules.add(rule);
            }
        }
        traces.putAll(found);
    }

    private static PreparedStatement bind(PreparedStatement statement, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setString(i + 1, values.get(i));
        }
        return statement;
    }
}
