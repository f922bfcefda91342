package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/**
 * Changes stored records behind the service's back, with plain SQL, and expects
 * GET /api/v1/audit/verify to name the record. Each change is undone afterwards.
 */
@QuarkusTest
@TestProfile(IsolatedAuditDatabase.class)
class TamperEvidenceTest extends TestUsers {

    @Inject
    EntityManager entityManager;

    private final List<String> decisions = new ArrayList<>();

    @BeforeEach
    void recordSomeDecisions() {
        for (int i = 0; i < 4; i++) {
            decisions.add(given().contentType("application/json").body(Requests.WORKED_EXAMPLE)
                    .post("/api/v1/decisions/claim").then().statusCode(200).extract().path("decisionId"));
        }
        given().get("/api/v1/audit/verify").then().statusCode(200)
                .body("ok", equalTo(true)).body("checked", greaterThanOrEqualTo(4));
    }

    @Test
    void shouldNameARecordWhoseOutcomeWasChanged() {
        String target = decisions.get(1);
        sql("update decision_record set outcome = 'REJECTED' where id = ?1", target);
        try {
            expectBroken(target, "changed");
        } finally {
            sql("update decision_record set outcome = 'APPROVED' where id = ?1", target);
        }
        expectIntact();
    }

    @Test
    void shouldNameARecordWhoseAmountWasChanged() {
        String target = decisions.get(2);
        replaceInResponse(target, "\"payable\":15200.00", "\"payable\":25200.00");
        try {
            expectBroken(target, "changed");
        } finally {
            replaceInResponse(target, "\"payable\":25200.00", "\"payable\":15200.00");
        }
        expectIntact();
    }

    /** The payable column (stats, CSV export) must say what the recorded answer says. */
    @Test
    void shouldNameARecordWhosePayableColumnWasChanged() {
        String target = decisions.get(3);
        sql("update decision_record set payable = 25200.00 where id = ?1", target);
        try {
            expectBroken(target, "payable");
        } finally {
            sql("update decision_record set payable = 15200.00 where id = ?1", target);
        }
        expectIntact();
    }

    /** The response is stored deflated (V9): inflated, changed as text, deflated again, as someone with the database could. */
    private void replaceInResponse(String decisionId, String text, String replacement) {
        QuarkusTransaction.requiringNew().run(() -> {
            DeflatedJson stored = new DeflatedJson();
            byte[] deflated = (byte[]) entityManager.createNativeQuery("select response_deflated from decision_record where id = ?1")
                    .setParameter(1, decisionId).getSingleResult();
            String changed = stored.convertToEntityAttribute(deflated).replace(text, replacement);
            entityManager.createNativeQuery("update decision_record set response_deflated = ?1 where id = ?2")
                    .setParameter(1, stored.convertToDatabaseColumn(changed)).setParameter(2, decisionId).executeUpdate();
        });
    }

    /** A fired rule is a row of the trace that every decision taking the same path shares: the first of them is named. */
    @Test
    void shouldNameARecordWhoseFiredRuleWasChanged() {
        String trace = traceOf(decisions.get(0));
        sql("update decision_trace_rule set rule_key = 'payout/Base policy/1' where trace_id = ?1 and rule_key = 'payout/Base policy/5'", trace);
        try {
            expectBroken(firstRecordOf(trace), "changed");
        } finally {
            sql("update decision_trace_rule set rule_key = 'payout/Base policy/5' where trace_id = ?1 and rule_key = 'payout/Base policy/1'", trace);
        }
        expectIntact();
    }

    /** A trace's outcome is not in the record's hash, but must be the record's, and the trace's id is the hash of its content. */
    @Test
    void shouldNameARecordWhoseTraceOutcomeWasChanged() {
        String trace = traceOf(decisions.get(0));
        sql("update decision_trace set outcome = 'REJECTED' where trace_id = ?1", trace);
        try {
            expectBroken(firstRecordOf(trace), "its trace " + trace + " was changed");
        } finally {
            sql("update decision_trace set outcome = 'APPROVED' where trace_id = ?1", trace);
        }
        expectIntact();
    }

    @Test
    void shouldNameARecordWhoseReasonWasChanged() {
        String trace = traceOf(decisions.get(0));
        sql("update decision_trace_reason set code = 'PAY_UNFILED' where trace_id = ?1 and code = 'PAY_DIRECT_SETTLEMENT'", trace);
        try {
            expectBroken(firstRecordOf(trace), "changed");
        } finally {
            sql("update decision_trace_reason set code = 'PAY_DIRECT_SETTLEMENT' where trace_id = ?1 and code = 'PAY_UNFILED'", trace);
        }
        expectIntact();
    }

    @Test
    void shouldNoticeADeletedRecord() {
        String target = decisions.get(1);
        String next = decisions.get(2);
        copyAside(target);
        deleteRecord(target);
        try {
            expectBroken(next, "missing");
        } finally {
            restore(target);
        }
        expectIntact();
    }

    @Test
    void shouldNoticeThatTheNewestRecordWasDeleted() {
        String newest = decisions.get(3);
        copyAside(newest);
        deleteRecord(newest);
        try {
            given().get("/api/v1/audit/verify").then().statusCode(200)
                    .body("ok", equalTo(false))
                    .body("firstBroken.decisionId", equalTo(newest))
                    .body("firstBroken.reason", containsString("newest records were deleted"));
        } finally {
            restore(newest);
        }
        expectIntact();
    }

    private void expectBroken(String decisionId, String why) {
        given().get("/api/v1/audit/verify").then().statusCode(200)
                .body("ok", equalTo(false))
                .body("firstBroken.decisionId", equalTo(decisionId))
                .body("firstBroken.reason", containsString(why));
    }

    private static void expectIntact() {
        given().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    private void sql(String statement, Object parameter) {
        QuarkusTransaction.requiringNew().run(() ->
                entityManager.createNativeQuery(statement).setParameter(1, parameter).executeUpdate());
    }

    private String traceOf(String decisionId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("select trace_id from decision_record where id = ?1").setParameter(1, decisionId).getSingleResult());
    }

    private String firstRecordOf(String traceId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("select id from decision_record where trace_id = ?1 order by chain_id, chain_seq")
                .setParameter(1, traceId).setMaxResults(1).getSingleResult());
    }

    private void copyAside(String id) {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("create table if not exists aside_record as select * from decision_record where 1 = 0").executeUpdate();
            entityManager.createNativeQuery("insert into aside_record select * from decision_record where id = ?1").setParameter(1, id).executeUpdate();
        });
    }

    private void deleteRecord(String id) {
        QuarkusTransaction.requiringNew().run(() ->
                entityManager.createNativeQuery("delete from decision_record where id = ?1").setParameter(1, id).executeUpdate());
    }

    private void restore(String id) {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("insert into decision_record select * from aside_record where id = ?1").setParameter(1, id).executeUpdate();
            entityManager.createNativeQuery("delete from aside_record").executeUpdate();
        });
    }
}
