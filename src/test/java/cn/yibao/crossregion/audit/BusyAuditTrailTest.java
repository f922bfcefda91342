package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

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

    @Test
    void shouldAnswerEveryDecisionItCouldNotRecordWith503() throws Exception {
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
    }
}
