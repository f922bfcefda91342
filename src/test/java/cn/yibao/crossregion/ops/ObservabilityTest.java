package cn.yibao.crossregion.ops;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import cn.yibao.crossregion.rules.RulesetRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What operators rely on: readiness and Prometheus metrics on the management port, the OpenAPI description. */
@QuarkusTest
class ObservabilityTest extends TestUsers {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;
    @TestHTTPResource(value = "/health/live", management = true)
    URL live;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void shouldBeReadyWithALiveRulesetAndAReachableDatabase() {
        given().auth().none().get(ready).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("ruleset"))
                .body("checks.find { it.name == 'ruleset' }.data.version", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("checks.name", hasItem(containsString("Database connections")));
        given().auth().none().get(live).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldNotBeReadyWithoutALiveRuleset() {
        assertEquals(HealthCheckResponse.Status.DOWN, new RulesetReadiness(new RulesetRegistry(null, java.time.Clock.systemUTC())).call().getStatus());
    }

    /** Counted as they happen: each series moves by exactly what this test did (startup made some of them already). */
    @Test
    void shouldCountDecisionsReasonsLatencyReloadsAndTheLiveVersion() {
        Scrape before = Scrape.of(metrics);
        given().contentType("application/json").body(Requests.WORKED_EXAMPLE).post("/api/v1/decisions/claim").then().statusCode(200);
        given().post("/api/v1/rulesets/reload").then().statusCode(200);
        Scrape after = Scrape.of(metrics);

        for (String series : new String[] {"decisions_total{outcome=\"APPROVED\",type=\"CLAIM\"}", "decision_reasons_total{code=\"EXCL_SELF_PAY\"}",
                "decision_reasons_total{code=\"PAY_DIRECT_SETTLEMENT\"}", "decision_duration_seconds_count", "ruleset_reloads_total{result=\"success\"}"}) {
            assertEquals(1.0, after.value(series) - before.value(series), series);
        }
        assertEquals(0.0, after.value("decisions_total{outcome=\"REJECTED\",type=\"CLAIM\"}") - before.value("decisions_total{outcome=\"REJECTED\",type=\"CLAIM\"}"));
        assertEquals(1.0, after.value("ruleset_active"), "one live version");
        assertTrue(after.has("ruleset_active{version=\"sha256:"), "named by its version");
    }

    @Test
    void shouldMeasureTheAuditWriterBatchByBatch() {
        Scrape before = Scrape.of(metrics);
        int decisions = 7;
        for (int i = 0; i < decisions; i++) {
            given().contentType("application/json").body(Requests.WORKED_EXAMPLE).post("/api/v1/decisions/claim").then().statusCode(200);
        }
        Scrape after = Scrape.of(metrics);

        double batches = after.value("audit_batch_size_count") - before.value("audit_batch_size_count");
        assertEquals(decisions, after.value("audit_batch_size_sum") - before.value("audit_batch_size_sum"), "the batches hold every decision once");
        assertTrue(batches >= 1 && batches <= decisions, "batches: " + batches);
        assertEquals(batches, after.value("audit_commit_seconds_count") - before.value("audit_commit_seconds_count"), "one commit a batch");
        assertTrue(after.value("audit_commit_seconds_sum") > before.value("audit_commit_seconds_sum"));
        assertTrue(after.value("audit_disk_sync_seconds_count") > before.value("audit_disk_sync_seconds_count"), "answered after a disk sync");
        assertTrue(after.has("audit_queue_depth "), "the queue depth is a gauge");
        assertEquals(0, after.value("audit_queue_depth"), "nothing waits once every decision is answered");
    }

    @Test
    void shouldDescribeEveryEndpointFieldAndEnumInOpenApi() {
        String openapi = given().auth().none().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        for (String expected : new String[] {"/api/v1/decisions/claim", "/api/v1/decisions/filing", "/api/v1/decisions/{decisionId}/explanation",
                "/api/v1/decisions/export", "/api/v1/audit/verify", "/api/v1/rulesets/drafts", "/api/v1/rulesets/{version}/activate",
                "/api/v1/rulesets/reload", "/api/v1/replays", "priorPaidThisYear", "emergencyReportDate", "TEMPORARY_EMERGENCY",
                "HK_MACAO_TAIWAN", "REIMBURSEMENT", "worked example"}) {
            org.junit.jupiter.api.Assertions.assertTrue(openapi.contains(expected), "OpenAPI should mention " + expected);
        }
    }
}
