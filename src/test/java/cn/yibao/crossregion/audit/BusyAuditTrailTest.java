package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import cn.yibao.crossregion.ops.DecisionLogContext;
import cn.yibao.crossregion.ops.Scrape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * More decisions at once than the audit trail lets wait: each is answered 200 and recorded, or
 * 503 with Retry-After and not recorded; none is a 500, none is answered and lost.
 */
@QuarkusTest
@TestProfile(BusyAuditTrailTest.TwoMayWait.class)
class BusyAuditTrailTest extends TestUsers {

    public static class TwoMayWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("audit.max-pending", "2", "audit.max-batch", "1");
        }
    }

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void shouldAnswerEveryDecisionItCouldNotRecordWith503() throws Exception {
        Scrape before = Scrape.of(metrics);
        long notAnsweredLinesBefore = notAnsweredLinesWithTheirDecisionId();
        String claimId = "busy-" + UUID.randomUUID();
        String body = Requests.WORKED_EXAMPLE.replace("\"worked-example\"", "\"" + claimId + "\"");
        ExecutorService clients = Executors.newFixedThreadPool(32);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 320; i++) {
            answers.add(clients.submit(() -> given().contentType("application/json").body(body).post("/api/v1/decisions/claim")));
        }
        List<String> decided = new ArrayList<>();
        int refused = 0;
        for (Future<Response> answer : answers) {
            Response response = answer.get();
            if (response.statusCode() == 200) {
                decided.add(response.jsonPath().getString("decisionId"));
            } else {
                assertEquals(503, response.statusCode(), response.asString());
                assertEquals("1", response.header("Retry-After"));
                assertTrue(response.jsonPath().getString("message").contains("send the request again"));
                refused++;
            }
        }
        clients.shutdown();

        assertTrue(!decided.isEmpty(), "some decisions get through");
        assertTrue(refused > 0, "320 requests from 32 clients overflow a queue of 2");
        for (String decisionId : decided) {
            given().get("/api/v1/decisions/" + decisionId).then().statusCode(200).body("claimId", equalTo(claimId));
        }
        given().queryParam("claimId", claimId).get("/api/v1/decisions").then().statusCode(200).body("total", equalTo(decided.size()));
        given().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));

        Scrape after = Scrape.of(metrics);
        assertEquals(refused, after.value("audit_unavailable_total") - before.value("audit_unavailable_total"), "every 503 is counted");
        assertEquals(refused, after.value("audit_unavailable_total{reason=\"busy\"}") - before.value("audit_unavailable_total{reason=\"busy\"}"),
                "by its reason: the queue was full");
        assertEquals(decided.size(), after.value("audit_batch_size_sum") - before.value("audit_batch_size_sum"));
        assertEquals(refused, notAnsweredLinesWithTheirDecisionId() - notAnsweredLinesBefore,
                "each 503 is logged with the id of the decision that was not recorded in its MDC");
    }

    /** JSON lines of the tests' log (target/quarkus.log) that say a decision was not answered and carry its id in the MDC. */
    private static long notAnsweredLinesWithTheirDecisionId() throws Exception {
        Path log = Path.of("target/quarkus.log");
        if (!Files.exists(log)) {
            return 0;
        }
        ObjectMapper json = new ObjectMapper();
        long count = 0;
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("{") && line.contains("a decision was not answered")) {
                JsonNode logged = json.readTree(line);
                if (logged.path("message").asText().startsWith("a decision was not answered")
                        && logged.path("mdc").path(DecisionLogContext.KEY).asText().matches("[0-9a-f-]{36}")) {
                    count++;
                }
            }
        }
        return count;
    }
}
