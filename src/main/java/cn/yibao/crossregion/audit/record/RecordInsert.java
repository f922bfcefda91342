package cn.yibao.crossregion.audit.record;

import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.audit.DeflatedJson;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Inserts the audit writer's records as one JDBC batch of one prepared statement. Hibernate's
 * insert of the same entity cost the writer thread more than H2's own work for the row (JFR:
 * entity state, dirty tracking, the converter, a batch slot per statement), and the writer is one
 * thread: what it spends a decision caps the rate. The columns are those of {@link DecisionRecord};
 * the JSON arrives deflated ({@link DeflatedJson}), as the deciding thread made it.
 */
final class RecordInsert {

    static final String SQL = """
            insert into decision_record (id, decision_type, claim_id, outcome, person_id_masked, person_id_hash,
                insured_region, treatment_region, ruleset_version, policy_date, timeline_entry, evaluated_at,
                duration_micros, request_deflated, response_deflated, payable, chain_id, chain_seq, previous_hash,
                record_hash, trace_id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    /** A record with its JSON as stored. */
    record Row(DecisionRecord record, byte[] requestDeflated, byte[] responseDeflated) {
    }

    private RecordInsert() {
    }

    static void insert(Connection connection, List<Row> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(SQL)) {
            for (Row row : rows) {
                DecisionRecord r = row.record();
                insert.setString(1, r.id);
                insert.setString(2, r.decisionType);
                insert.setString(3, r.claimId);
                insert.setString(4, r.outcome);
                insert.setString(5, r.personIdMasked);
                insert.setString(6, r.personIdHash);
                insert.setString(7, r.insuredRegion);
                insert.setString(8, r.treatmentRegion);
                insert.setString(9, r.rulesetVersion);
                if (r.policyDate == null) {
                    insert.setNull(10, Types.DATE);
                } else {
                    insert.setObject(10, r.policyDate);
                }
                if (r.timelineEntry == null) {
                    insert.setNull(11, Types.BIGINT);
                } else {
                    insert.setLong(11, r.timelineEntry);
                }
                insert.setObject(12, OffsetDateTime.ofInstant(r.evaluatedAt, ZoneOffset.UTC));
                insert.setLong(13, r.durationMicros);
                insert.setBytes(14, row.requestDeflated());
                insert.setBytes(15, row.responseDeflated());
                BigDecimal payable = r.payable;
                if (payable == null) {
                    insert.setNull(16, Types.NUMERIC);
                } else {
                    insert.setBigDecimal(16, payable);
                }
                insert.setString(17, r.chainId);
                insert.setLong(18, r.chainSeq);
                insert.setString(19, r.previousHash);
                insert.setString(20, r.recordHash);
                insert.setString(21, r.trace.id);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
