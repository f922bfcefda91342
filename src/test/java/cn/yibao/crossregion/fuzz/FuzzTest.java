package cn.yibao.crossregion.fuzz;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of generated and mutated bodies (wrong types, huge numbers, deep nesting, unicode,
 * nulls everywhere, truncated JSON, megabyte strings) to every POST endpoint. Each answer is a
 * decision (200) or a 400 naming fields; oversized bodies are refused (413); never a 500, and
 * exactly the answered decisions are recorded, with the chain intact. Seeded: a failure replays.
 */
@QuarkusTest
class FuzzTest extends TestUsers {

    private static final long SEED = 20261123L;
    private static final int DECISION_BODIES = 10_000;
    /** quarkus.http.limits.max-body-size in application.properties, in bytes of UTF-8. */
    private static final int MAX_BODY_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] STRINGS = {"", " ", "null", "EMPLOYEE", "employee", "DOMESTIC", "2026-02-30", "9999-99-99",
            "-1", "1e309", "NaN", "Infinity", "医院💊\u0000\u202e", "440700", "4407001", "' OR 1=1 --", "<script>", "\uD800"};

    private final Random random = new Random(SEED);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String auth = "Basic " + Base64.getEncoder().encodeToString((TESTER + ":" + TESTER_PASSWORD).getBytes(StandardCharsets.UTF_8));

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldAnswerEveryMutatedBodyWithADecisionOrAFieldError() throws Exception {
        JsonNode claim = JSON.readTree(Requests.WORKED_EXAMPLE);
        JsonNode filing = JSON.readTree(Requests.POSTED_WORKER_FILING);
        long recordedBefore = recorded();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int decided = 0;
        List<String> failures = new ArrayList<>();

        for (int i = 0; i < DECISION_BODIES; i++) {
            boolean isClaim = random.nextBoolean();
            String path = isClaim ? "/api/v1/decisions/claim" : "/api/v1/decisions/filing";
            String body = body(isClaim ? claim : filing);
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(URI.create(root + path.substring(1))).header("Content-Type", "application/json")
                        .header("Authorization", auth).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException refusedMidUpload) {
                // The service answers 413 to an oversized body and closes the connection while the
                // client is still sending it; the client sees a broken pipe. Anything else is a failure.
                if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
                    statuses.merge(413, 1, Integer::sum);
                } else {
                    failures.add(refusedMidUpload + " for " + abbreviated(body));
                }
                continue;
            }
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            if (status == 200) {
                decided++;
            } else if (status == 400 || status == 422) {   // 422: a policy date before the timeline's first entry
                if (JSON.readTree(response.body()).path("errors").path(0).path("field").asText().isEmpty()) {
                    failures.add(status + " without a field for " + abbreviated(body));
                }
            } else if (status != 413) {
                failures.add(status + " for " + abbreviated(body) + " → " + abbreviated(response.body()));
            }
        }
        for (String path : List.of("/api/v1/replays", "/api/v1/rulesets/drafts")) {
            for (int i = 0; i < 200; i++) {
                String body = body(JSON.readTree("{\"candidate\":\"sha256:0\",\"from\":\"2026-01-01\",\"files\":{\"rules-drl/x.drl\":\"rule\"}}"));
                int status;
                try {
                    status = given().contentType("application/json").body(body).post(path).statusCode();
                } catch (Exception refusedMidUpload) {
                    status = body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES ? 413 : 599;
                }
                statuses.merge(status, 1, Integer::sum);
                if (status >= 500) {
                    failures.add(status + " on " + path + " for " + abbreviated(body));
                }
            }
        }

        assertTrue(failures.isEmpty(), failures.size() + " bad answers, e.g. " + failures.subList(0, Math.min(5, failures.size())));
        assertTrue(decided > 100, "the mutations should leave some bodies valid: " + statuses);
        assertTrue(statuses.getOrDefault(400, 0) > 1000, "most mutations should be refused: " + statuses);
        assertEquals(recordedBefore + decided, recorded(), "exactly the answered decisions are recorded: " + statuses);
        given().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
        assertFalse(statuses.containsKey(500));
    }

    /** A valid body mutated a few times, sometimes then truncated, or something else entirely. */
    private String body(JsonNode valid) throws Exception {
        int kind = random.nextInt(100);
        if (kind < 1) {
            return "x".repeat(MAX_BODY_BYTES + 1 + random.nextInt(800_000));
        }
        if (kind < 6) {
            return "[".repeat(1 + random.nextInt(5000)) + "]".repeat(random.nextInt(3));
        }
        JsonNode mutated = valid.deepCopy();
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            mutated = mutate(mutated, 0);
        }
        String text = JSON.writeValueAsString(mutated);
        if (kind < 12) {
            return text.substring(0, random.nextInt(text.length()));
        }
        return text;
    }

    private JsonNode mutate(JsonNode node, int depth) {
        if (node instanceof ObjectNode object && object.size() > 0 && random.nextInt(4) != 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            object.set(name, mutate(object.get(name), depth + 1));
            return object;
        }
        return switch (random.nextInt(12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]);
            case 2 -> NODES.numberNode(random.nextInt(7) - 3);
            case 3 -> NODES.numberNode(new java.math.BigDecimal("1e" + random.nextInt(400)));
            case 4 -> NODES.numberNode(-random.nextDouble() * 1e6);
            case 5 -> NODES.booleanNode(random.nextBoolean());
            case 6 -> NODES.textNode("界".repeat(random.nextInt(random.nextInt(10) == 0 ? 90_000 : 2_000)));
            case 7 -> deep(random.nextInt(900)); // deeper nesting comes as raw text above: Jackson here writes at most 1000 levels
            case 8 -> NODES.arrayNode().add(node == null ? NODES.nullNode() : node.deepCopy());
            case 9 -> NODES.objectNode().put("unexpected", "field");
            case 10 -> NODES.numberNode(random.nextLong());
            default -> NODES.textNode(String.format("%04d-%02d-%02d", random.nextInt(10_000), random.nextInt(14), random.nextInt(33)));
        };
    }

    private static JsonNode deep(int depth) {
        ArrayNode root = NODES.arrayNode();
        ArrayNode current = root;
        for (int i = 0; i < depth; i++) {
            ArrayNode next = NODES.arrayNode();
            current.add(next);
            current = next;
        }
        return root;
    }

    private static long recorded() {
        return given().get("/api/v1/decisions?size=1").then().statusCode(200).extract().jsonPath().getLong("total");
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…(" + text.length() + " chars)";
    }
}
