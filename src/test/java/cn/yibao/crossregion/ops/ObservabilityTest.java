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

/** What operators rely on: readiness, Prometheus metrics and the OpenAPI description. */
@QuarkusTest
class ObservabilityTest extends TestUsers {

    /** Health and metrics are on the management interface (quarkus.management.*), a free port in tests. */
    @TestHTTPResource(value = "/health", management = true)   // under quarkus.management.root-path, /q
    URL health;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void shouldBeReadyWithALiveRulesetAndAReachableDatabase() {
        given().auth().none().get(health + "/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("ruleset"))
                .body("checks.find { it.name == 'ruleset' }.data.version", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("checks.name", hasItem(containsString("Database connections")));
        given().auth().none().get(health + "/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldNotBeReadyWithoutALiveRuleset() {
        assertEquals(HealthCheckResponse.Status.DOWN, new RulesetReadiness(new RulesetRegistry()).call().getStatus());
    }

    @Test
    void shouldCountDecisionsReasonsLatencyReloadsAndTheLiveVersion() {
        given().contentType("application/json").body(Requests.WORKED_EXAMPLE).post("/api/v1/decisions/claim").then().statusCode(200);
        given().post("/api/v1/rulesets/reload").then().statusCode(200);

        given().auth().none().get(metrics).then().statusCode(200)
                .body(containsString("decisions_total{outcome=\"APPROVED\",type=\"CLAIM\"}"))
                .body(containsString("decision_reasons_total{code=\"EXCL_SELF_PAY\"}"))
                .body(containsString("decision_duration_seconds_bucket{type=\"CLAIM\""))
                .body(containsString("ruleset_reloads_total{result=\"success\"}"))
                .body(matchesPattern("(?s).*ruleset_active\\{version=\"sha256:[0-9a-f]{64}\"} 1\\.0.*"));
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
