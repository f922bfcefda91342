package cn.yibao.crossregion.api;

import cn.yibao.crossregion.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** API.md "Idempotent decisions": a key, its user and its request make one decision, however often and however concurrently sent. */
@QuarkusTest
class IdempotentDecisionTest extends TestUsers {

    static final String KEY_HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** Amounts read and written as they are: 23000.00 stays 23000.00. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    private double replayedClaims() {
        var counter = metrics.find("decisions_replayed").tag("type", "CLAIM").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldAnswerTheRecordedDecisionWhenTheSameKeyAndRequestComeAgain() throws Exception {
        double replayedBefore = replayedClaims();
        String claimId = newClaimId();
        String key = newKey();
        Response first = asCaller().header(KEY_HEADER, key).body(claim(claimId)).post("/api/v1/decisions/claim");
        first.then().statusCode(200).header(REPLAYED_HEADER, nullValue());

        Response again = asCaller().header(KEY_HEADER, key).body(reordered(claim(claimId))).post("/api/v1/decisions/claim");

        again.then().statusCode(200).header(REPLAYED_HEADER, equalTo("true"));
        assertEquals(first.asString(), again.asString(), "the very JSON recorded, same decisionId and evaluatedAt");
        assertEquals(1, recordedForClaim(claimId));
        assertEquals(1.0, replayedClaims() - replayedBefore, "the replay is counted once");
    }

    @Test
    void shouldRefuseTheKeyWithAnotherRequestAndRecordNothing() {
        String claimId = newClaimId();
        String key = newKey();
        asCaller().header(KEY_HEADER, key).body(claim(claimId)).post("/api/v1/decisions/claim").then().statusCode(200);

        asCaller().header(KEY_HEADER, key).body(claim(claimId).replace("23000.00", "23000.01"))
                .post("/api/v1/decisions/claim")
                .then().statusCode(422)
                .header(REPLAYED_HEADER, nullValue())
                .body("status", equalTo(422))
                .body("errors[0].field", equalTo(KEY_HEADER))
                .body("errors[0].message", notNullValue())
                .body("errors[0].messageZh", notNullValue());
        assertEquals(1, recordedForClaim(claimId));
    }

    @Test
    void shouldRefuseAClaimKeyForAFiling() {
        String key = newKey();
        asCaller().header(KEY_HEADER, key).body(claim(newClaimId())).post("/api/v1/decisions/claim").then().statusCode(200);

        asCaller().header(KEY_HEADER, key).body(filing(newPersonId())).post("/api/v1/decisions/filing")
                .then().statusCode(422).body("errors[0].field", equalTo(KEY_HEADER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tab\tinside", "schlüssel", "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789x"})
    void shouldRefuseAKeyThatIsNotOneToAHundredPrintableAsciiCharacters(String key) {
        String claimId = newClaimId();
        asCaller().header(KEY_HEADER, key).body(claim(claimId)).post("/api/v1/decisions/claim")
                .then().statusCode(400)
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo(KEY_HEADER))
                .body("errors[0].message", equalTo("must be 1 to 100 printable ASCII characters"))
                .body("errors[0].messageZh", notNullValue());
        assertEquals(0, recordedForClaim(claimId));
    }

    @Test
    void shouldAcceptAKeyOfAHundredCharacters() {
        String key = (UUID.randomUUID() + "~" + "k".repeat(100)).substring(0, 100);
        asCaller().header(KEY_HEADER, key).body(claim(newClaimId())).post("/api/v1/decisions/claim")
                .then().statusCode(200).header(REPLAYED_HEADER, nullValue());
    }

    @Test
    void shouldKeepKeysApartForDifferentUsers() {
        String claimId = newClaimId();
        String key = newKey();
        String byCaller = asCaller().header(KEY_HEADER, key).body(claim(claimId)).post("/api/v1/decisions/claim")
                .then().statusCode(200).extract().path("decisionId");

        String byTester = given().contentType("application/json").header(KEY_HEADER, key).body(claim(claimId))
                .post("/api/v1/decisions/claim")
                .then().statusCode(200).header(REPLAYED_HEADER, nullValue()).extract().path("decisionId");

        assertNotEquals(byCaller, byTester);
        assertEquals(2, recordedForClaim(claimId));
    }

    @Test
    void shouldMakeOneDecisionOfConcurrentRequestsWithOneKey() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            for (int round = 0; round < 5; round++) {
                String claimId = newClaimId();
                String key = newKey();
                String body = claim(claimId);
                List<Future<Response>> answers = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    answers.add(clients.submit(() -> asCaller().header(KEY_HEADER, key).body(body).post("/api/v1/decisions/claim")));
                }
                Set<String> decisionIds = new HashSet<>();
                int replayed = 0;
                for (Future<Response> answer : answers) {
                    Response response = answer.get();
                    assertEquals(200, response.statusCode(), response.asString());
                    decisionIds.add(response.jsonPath().getString("decisionId"));
                    replayed += "true".equals(response.header(REPLAYED_HEADER)) ? 1 : 0;
                }
                assertEquals(1, decisionIds.size(), "one decision for the key: " + decisionIds);
                assertEquals(19, replayed, "every answer but the one that made the decision is a replay");
                assertEquals(1, recordedForClaim(claimId));
            }
        } finally {
            clients.shutdownNow();
        }
        given().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void shouldAnswerARepeatedFilingWithTheRecordedOneAndRefuseAnotherWithTheSameKey() {
        String personId = newPersonId();
        String key = newKey();
        String decisionId = asCaller().header(KEY_HEADER, key).body(filing(personId)).post("/api/v1/decisions/filing")
                .then().statusCode(200).header(REPLAYED_HEADER, nullValue()).extract().path("decisionId");

        asCaller().header(KEY_HEADER, key).body(filing(personId)).post("/api/v1/decisions/filing")
                .then().statusCode(200).header(REPLAYED_HEADER, equalTo("true")).body("decisionId", equalTo(decisionId));
        asCaller().header(KEY_HEADER, key).body(filing(personId).replace("2025-07-15", "2025-07-16")).post("/api/v1/decisions/filing")
                .then().statusCode(422).body("errors[0].field", equalTo(KEY_HEADER));

        given().queryParam("personId", personId).get("/api/v1/decisions").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void shouldDecideAsBeforeWithoutAKey() {
        String claimId = newClaimId();
        String first = asCaller().body(claim(claimId)).post("/api/v1/decisions/claim")
                .then().statusCode(200).header(REPLAYED_HEADER, nullValue()).extract().path("decisionId");
        asCaller().body(claim(claimId)).post("/api/v1/decisions/claim")
                .then().statusCode(200).header(REPLAYED_HEADER, nullValue()).body("decisionId", not(equalTo(first)));
        assertEquals(2, recordedForClaim(claimId));
    }

    static RequestSpecification asCaller() {
        return given().auth().preemptive().basic("caller", "caller-password").contentType("application/json");
    }

    static String claim(String claimId) {
        return Requests.WORKED_EXAMPLE.replace("\"worked-example\"", "\"" + claimId + "\"");
    }

    static String filing(String personId) {
        return Requests.POSTED_WORKER_FILING.replace("440703199001011234", personId);
    }

    static String newClaimId() {
        return "idem-" + UUID.randomUUID();
    }

    static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    static String newPersonId() {
        return "440703" + String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    }

    static int recordedForClaim(String claimId) {
        return given().queryParam("claimId", claimId).get("/api/v1/decisions").then().statusCode(200).extract().path("total");
    }

    /** The same request written otherwise: every object's keys in reverse order, indented. */
    private static String reordered(String json) throws Exception {
        String rewritten = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reversed(JSON.readTree(json)));
        assertNotEquals(json.replaceAll("\\s", ""), rewritten.replaceAll("\\s", ""));
        return rewritten;
    }

    private static JsonNode reversed(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode reversed = JSON.createObjectNode();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (int i = names.size() - 1; i >= 0; i--) {
            reversed.set(names.get(i), reversed(node.get(names.get(i))));
        }
        return reversed;
    }
}
