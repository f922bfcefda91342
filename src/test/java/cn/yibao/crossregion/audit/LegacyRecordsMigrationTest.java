package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import cn.yibao.crossregion.audit.record.OlderRecordsBackfill;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A decision recorded before traces (schema V4: its reasons and fired rules as rows of its own)
 * is migrated by V5 into a trace of its own and stays what it was: it verifies, is found by its
 * reason and its rule, and new decisions follow it in the same chain.
 */
@QuarkusTest
@QuarkusTestResource(value = LegacyRecordsMigrationTest.DatabaseAtV4.class, restrictToAnnotatedClass = true)
class LegacyRecordsMigrationTest extends TestUsers {

    static final String LEGACY_ID = "00000000-0000-4000-8000-00000000abcd";
    static final String LEGACY_RULE = "exclusion: the self-paid share is never paid";

    @Test
    void shouldKeepADecisionRecordedBeforeTracesVerifiableAndFindable() throws InterruptedException {
        awaitCountedInStats();
        given().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true)).body("checked", equalTo(1));
        given().get("/api/v1/decisions/" + LEGACY_ID).then().statusCode(200)
                .body("reasonCodes", contains("EXCL_SELF_PAY")).body("outcome", equalTo("APPROVED"));
        given().queryParam("reasonCode", "EXCL_SELF_PAY").get("/api/v1/decisions").then().statusCode(200)
                .body("items.decisionId", hasItem(LEGACY_ID));
        given().queryParam("rule", LEGACY_RULE).get("/api/v1/decisions").then().statusCode(200)
                .body("items.decisionId", hasItem(LEGACY_ID));

        given().contentType("application/json").body(Requests.WORKED_EXAMPLE).post("/api/v1/decisions/claim").then().statusCode(200);
        given().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true)).body("checked", equalTo(2));
    }

    /** After V9 the record is brought to its form in the background (OlderRecordsBackfill): deflated and counted in the stats. */
    private static void awaitCountedInStats() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Integer approved = given().queryParam("groupBy", "outcome").get("/api/v1/decisions/stats").then().statusCode(200)
                    .extract().path("groups.find { it.key == 'APPROVED' }.count");
            if (approved != null) {
                assertEquals(1, approved);
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the decision recorded before V9 was not counted in the stats");
    }

    /** Migration V8 made the chains Merkle trees: the record from before is leaf 0 of chain main's, added at start. */
    @Test
    void shouldAddADecisionRecordedBeforeTheMerkleTreeToIt() throws InterruptedException {
        for (int attempt = 0; attempt < 100 && given().get("/api/v1/decisions/" + LEGACY_ID + "/proof").statusCode() == 409; attempt++) {
            Thread.sleep(100);
        }
        given().get("/api/v1/decisions/" + LEGACY_ID + "/proof").then().statusCode(200)
                .body("chain", equalTo("main")).body("leafIndex", equalTo(0));
    }

    /** A database migrated to V4 holding one decision recorded the way V4 recorded it, link 1 of chain main. */
    public static class DatabaseAtV4 implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            boolean pg = System.getProperty("quarkus.test.profile", "").contains("pg");
            String url = pg ? "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=legacy_records"
                    : "jdbc:h2:file:./target/test-data/legacy-records-" + System.nanoTime() + ";DB_CLOSE_ON_EXIT=FALSE";
            String user = pg ? "postgres" : "sa";
            Flyway flyway = Flyway.configure().dataSource(url, user, "").schemas(pg ? new String[] {"legacy_records"} : new String[0])
                    .cleanDisabled(false).target("4").load();
            flyway.clean();
            flyway.migrate();
            try (Connection connection = DriverManager.getConnection(url, user, "")) {
                recordAsV4Did(connection);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            // The database at V4 is this test's subject: not emptied at start as the suite's is (%test, so the key wins).
            String keep = "%test.quarkus.flyway.clean-at-start";
            // A database kept over the start keeps a checkpoint file of its own.
            String checkpoints = "target/test-data/legacy-records-checkpoints-" + System.nanoTime() + ".log";
            return pg ? Map.of("quarkus.datasource.jdbc.url", url, "quarkus.flyway.schemas", "legacy_records",
                    "quarkus.hibernate-orm.database.default-schema", "legacy_records", keep, "false", "audit.checkpoint.file", checkpoints)
                    : Map.of("quarkus.datasource.jdbc.url", url, keep, "false", "audit.checkpoint.file", checkpoints);
        }

        private static void recordAsV4Did(Connection connection) throws SQLException {
            Instant at = Instant.parse("2026-03-12T08:00:00Z");
            DecisionRecord record = new DecisionRecord();
            record.id = LEGACY_ID;
            record.decisionType = "CLAIM";
            record.claimId = "recorded-before-traces";
            record.outcome = "APPROVED";
            record.personIdMasked = "440703********1234";
            record.insuredRegion = "440700";
            record.treatmentRegion = "110105";
            record.rulesetVersion = "sha256:recorded-before-traces";
            record.evaluatedAt = at;
            record.durationMicros = 1234;
            record.requestJson = "{\"claimId\":\"recorded-before-traces\"}";
            record.responseJson = "{\"decisionId\":\"" + LEGACY_ID + "\",\"outcome\":\"APPROVED\"}";
            record.chainId = "main";
            record.chainSeq = 1L;
            record.previousHash = AuditChain.GENESIS;
            record.trace = new DecisionTrace();
            record.trace.reasonCodes.add("EXCL_SELF_PAY");
            FiredRuleRow rule = new FiredRuleRow();
            rule.engine = "DRL";
            rule.ruleKey = LEGACY_RULE;
            rule.file = "rules-drl/exclusions.drl";
            record.trace.firedRules.add(rule);
            record.recordHash = hashAsV4Did(record, rule);

            execute(connection, "insert into ruleset (version, first_loaded_at, last_loaded_at) values (?, ?, ?)",
                    record.rulesetVersion, Timestamp.from(at), Timestamp.from(at));
            execute(connection, "insert into decision_record (id, decision_type, claim_id, outcome, person_id_masked, insured_region,"
                            + " treatment_region, ruleset_version, evaluated_at, duration_micros, request_json, response_json, chain_id,"
                            + " chain_seq, previous_hash, record_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    record.id, record.decisionType, record.claimId, record.outcome, record.personIdMasked, record.insuredRegion,
                    record.treatmentRegion, record.rulesetVersion, Timestamp.from(at), record.durationMicros, record.requestJson,
                    record.responseJson, record.chainId, record.chainSeq, record.previousHash, record.recordHash);
            execute(connection, "insert into decision_reason (decision_id, code) values (?, ?)", record.id, "EXCL_SELF_PAY");
            execute(connection, "insert into decision_rule (decision_id, position, engine, rule_key, rule_file) values (?, 0, ?, ?, ?)",
                    record.id, rule.engine, rule.ruleKey, rule.file);
            execute(connection, "insert into audit_chain (chain_id, last_seq, last_hash, last_decision_id) values (?, 1, ?, ?)",
                    record.chainId, record.recordHash, record.id);
        }

        /** The link hash as the service computed it before V5, written out independently of RecordHash. */
        private static String hashAsV4Did(DecisionRecord r, FiredRuleRow rule) {
            String[] fields = {r.chainId, String.valueOf(r.chainSeq), r.id, r.decisionType, r.claimId, r.outcome, r.personIdMasked,
                    r.personIdHash, r.insuredRegion, r.treatmentRegion, r.rulesetVersion, r.evaluatedAt.toString(),
                    String.valueOf(r.durationMicros), r.requestJson, r.responseJson, "EXCL_SELF_PAY",
                    rule.engine + "|" + rule.ruleKey + "|" + rule.file + "|" + rule.dmnModel + "|" + rule.dmnDecision + "|" + rule.dmnRow};
            StringBuilder canonical = new StringBuilder("decision-record/v1");
            for (String field : fields) {
                canonical.append('\n').append(field == null ? "-1:" : field.length() + ":" + field);
            }
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest((r.previousHash + canonical).getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.executeUpdate();
            }
        }

        @Override
        public void stop() {
        }
    }
}
