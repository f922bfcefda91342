package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AuditTrailTest extends TestUsers {

    private static final String RAW_PERSON_ID = "440703199001011234";

    @Inject
    EntityManager entityManager;

    private static String decide(String claimId) {
        return given().contentType("application/json")
                .body(Requests.WORKED_EXAMPLE.replace("\"worked-example\"", "\"" + claimId + "\""))
                .when().post("/api/v1/decisions/claim")
                .then().statusCode(200)
                .extract().path("decisionId");
    }

    @TestHTTPResource(value = "/metrics", management = true)
    java.net.URL metrics;

    @Test
    void shouldRunTheFullCheckAsAJobWithProgressAndKeepItsLastResultAsAMetric() throws InterruptedException {
        given().contentType("application/json").body(Requests.WORKED_EXAMPLE).post("/api/v1/decisions/claim").then().statusCode(200);
        String location = given().post("/api/v1/audit/verify/jobs").then().statusCode(202)
                .body("status", org.hamcrest.Matchers.anyOf(equalTo("RUNNING"), equalTo("DONE")))
                .extract().header("Location");
        io.restassured.path.json.JsonPath job = given().get(location).then().statusCode(200).extract().jsonPath();
        for (int i = 0; i < 300 && "RUNNING".equals(job.getString("status")); i++) {
            Thread.sleep(100);
            job = given().get(location).then().statusCode(200).extract().jsonPath();
        }
        assertEquals("DONE", job.getString("status"));
        assertTrue(job.getBoolean("report.ok"));
        assertEquals(job.getLong("total"), job.getLong("report.checked"), "every record of every chain is checked");
        assertTrue(job.getLong("total") >= 1);
        given().get("/api/v1/audit/verify/last").then().statusCode(200).body("jobId", equalTo(job.getString("jobId")));
        cn.yibao.crossregion.ops.Scrape scrape = cn.yibao.crossregion.ops.Scrape.of(metrics);
        assertEquals(1.0, scrape.value("audit_verify_last_ok"));
        assertTrue(scrape.value("audit_verify_last_age_seconds") < 60, "the check just finished");
        given().get("/api/v1/audit/verify/jobs/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void shouldKeepTheRequestWithTheMaskedPersonIdTheResponseAndTheRulesThatFired() {
        String claimId = "audit-" + UUID.randomUUID();
        String decisionId = decide(claimId);

        String recorded = given().when().get("/api/v1/decisions/" + decisionId)
                .then().statusCode(200)
                .body("decisionId", equalTo(decisionId))
                .body("type", equalTo("CLAIM"))
                .body("claimId", equalTo(claimId))
                .body("outcome", equalTo("APPROVED"))
                .body("personId", equalTo("440703********1234"))
                .body("request.insured.personId", equalTo("440703********1234"))
                .body("request.expenses.total", equalTo(23000.00f))
                .body("response.amounts.payable", equalTo(15200.00f))
                .body("reasonCodes", hasItems("EXCL_SELF_PAY", "PAY_DIRECT_SETTLEMENT"))
                .body("response.firedRules.name", hasItem("exclusion: the self-paid share is never paid"))
                .body("response.firedRules.find { it.decision == 'Base policy' }.rows", contains(5))
                .body("rulesetVersion", equalTo(given().get("/api/v1/rulesets").then().extract().path("find { it.active }.version")))
                .extract().asString();
        assertFalse(recorded.contains(RAW_PERSON_ID), "the raw person id must never be shown");
    }

    @Test
    void shouldFindDecisionsByReasonRuleTableRowClaimAndTime() {
        String claimId = "audit-" + UUID.randomUUID();
        String decisionId = decide(claimId);

        given().queryParam("claimId", claimId).when().get("/api/v1/decisions")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].decisionId", equalTo(decisionId))
                .body("items[0].personId", equalTo("440703********1234"));
        given().queryParam("claimId", claimId).queryParam("reasonCode", "EXCL_SELF_PAY").queryParam("type", "CLAIM")
                .queryParam("outcome", "APPROVED").when().get("/api/v1/decisions")
                .then().body("total", equalTo(1));
        given().queryParam("claimId", claimId).queryParam("reasonCode", "EXCL_ABROAD").when().get("/api/v1/decisions")
                .then().body("total", equalTo(0));
        given().queryParam("claimId", claimId).queryParam("rule", "exclusion: the self-paid share is never paid")
                .when().get("/api/v1/decisions").then().body("total", equalTo(1));
        given().queryParam("claimId", claimId).queryParam("rule", "payout/Base policy/5")
                .when().get("/api/v1/decisions").then().body("total", equalTo(1));
        given().queryParam("claimId", claimId).queryParam("rule", "payout/Base policy/6")
                .when().get("/api/v1/decisions").then().body("total", equalTo(0));
        given().queryParam("claimId", claimId).queryParam("outcome", "REJECTED")
                .when().get("/api/v1/decisions").then().body("total", equalTo(0));
        given().queryParam("claimId", claimId).queryParam("from", "2000-01-01").queryParam("to", "2999-12-31")
                .when().get("/api/v1/decisions").then().body("total", equalTo(1));
        given().queryParam("claimId", claimId).queryParam("to", "2000-01-01")
                .when().get("/api/v1/decisions").then().body("total", equalTo(0));
    }

    @Test
    void shouldListNewestFirstInPages() {
        String claimId = "audit-page-" + java.util.UUID.randomUUID();
        String older = decide(claimId);
        String newer = decide(claimId);

        given().queryParam("claimId", claimId).queryParam("size", 1).when().get("/api/v1/decisions")
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].decisionId", equalTo(newer))
                .body("total", equalTo(2));
        given().queryParam("claimId", claimId).queryParam("size", 1).queryParam("page", 1).when().get("/api/v1/decisions")
                .then().body("items.size()", equalTo(1))
                .body("items[0].decisionId", equalTo(older));
    }

    @Test
    void shouldRejectBadQueriesNamingTheParameter() {
        given().queryParam("outcome", "MAYBE").when().get("/api/v1/decisions")
                .then().statusCode(400).body("errors.field", contains("outcome"));
        given().queryParam("size", 100000).when().get("/api/v1/decisions")
                .then().statusCode(400).body("errors.field", contains("size"));
        given().queryParam("claimId", "a\u0000b").when().get("/api/v1/decisions")
                .then().statusCode(400).body("errors.field", contains("claimId"));
        given().queryParam("from", "yesterday").when().get("/api/v1/decisions")
                .then().statusCode(400).body("errors.field", contains("from"))
                .body("errors[0].messageZh", containsString("日期"));
    }

    @Test
    void shouldAnswer404ForAnUnknownDecision() {
        given().when().get("/api/v1/decisions/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void shouldReadTheRecordBackFromTheDatabaseNotFromMemory() {
        String decisionId = decide("audit-" + UUID.randomUUID());

        DecisionRecord stored = QuarkusTransaction.requiringNew().call(() -> {
            entityManager.clear();
            DecisionRecord record = entityManager.find(DecisionRecord.class, decisionId);
            record.trace.reasonCodes.size();
            record.trace.firedRules.size();
            return record;
        });
        assertEquals("APPROVED", stored.outcome);
        assertTrue(stored.trace.reasonCodes.contains("EXCL_SELF_PAY"));
        assertTrue(stored.trace.firedRules.stream().anyMatch(row -> "rules-drl/exclusions.drl".equals(row.file)
                && "exclusion: the self-paid share is never paid".equals(row.ruleKey)));
        assertTrue(stored.trace.firedRules.stream().anyMatch(row -> "payout/Base policy/5".equals(row.ruleKey) && row.dmnRow == 5));
        assertTrue(stored.rulesetVersion.startsWith("sha256:"));
        assertFalse(stored.requestJson.contains(RAW_PERSON_ID));
        assertTrue(stored.responseJson.contains(decisionId));
    }

    @Test
    void shouldRecordTheVeryAnswerTheCallerGot() {
        String answer = given().contentType("application/json")
                .body(Requests.WORKED_EXAMPLE.replace("\"worked-example\"", "\"audit-" + UUID.randomUUID() + "\""))
                .when().post("/api/v1/decisions/claim")
                .then().statusCode(200).contentType("application/json")
                .extract().asString();
        String decisionId = io.restassured.path.json.JsonPath.from(answer).getString("decisionId");

        DecisionRecord stored = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.<DecisionRecord>findById(decisionId));
        assertEquals(answer, stored.responseJson);
    }

    @Test
    void shouldKeepTheFilesOfEveryRulesetVersion() {
        var list = given().when().get("/api/v1/rulesets")
                .then().statusCode(200)
                .body("find { it.active }.files", hasItems("rules-drl/exclusions.drl", "rules-dmn/payout.dmn", "rules-drl/reasons.yaml", "rules-tests/payout.yaml"))
                .extract();
        String version = list.path("find { it.active }.version");
        // Who made it live depends on which tests ran before (startup, or a test that re-activated it):
        // the record must say the same as the list, whoever it was.
        String activatedBy = list.path("find { it.active }.activatedBy");

        given().when().get("/api/v1/rulesets/" + version)
                .then().statusCode(200)
                .body("summary.version", equalTo(version))
                .body("summary.status", equalTo("ACTIVE"))
                .body("summary.activatedBy", equalTo(activatedBy))
                .body("files.'rules-drl/exclusions.drl'", containsString("EXCL_ABROAD"));
        given().when().get("/api/v1/rulesets").then().body("version", everyItem(containsString("sha256:")));
        given().when().get("/api/v1/rulesets/sha256:0000").then().statusCode(404);
    }
}
