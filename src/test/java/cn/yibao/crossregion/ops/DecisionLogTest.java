package cn.yibao.crossregion.ops;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JSON log lines (the %test log file is JSON, as the console is with
 * QUARKUS_LOG_CONSOLE_JSON_ENABLED=true): a decision's line carries its id in the MDC, never the
 * raw person id, and no line carries the id of another decision (decisions made at once share the
 * event loop's threads).
 */
@QuarkusTest
class DecisionLogTest extends TestUsers {

    private static final Path LOG = Path.of("target/quarkus.log");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldLogEachDecisionWithItsIdInTheMdcAndNeverTheRawPersonId() throws Exception {
        Map<String, String> personByDecision = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(clients.submit(() -> {
                String personId = "4407031990" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
                String decisionId = given().contentType("application/json")
                        .body(Requests.WORKED_EXAMPLE.replace("440703199001011234", personId))
                        .post("/api/v1/decisions/claim").then().statusCode(200).extract().path("decisionId");
                personByDecision.put(decisionId, personId);
            }));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        clients.shutdown();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(LOG)) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        for (Map.Entry<String, String> decision : personByDecision.entrySet()) {
            String decisionId = decision.getKey();
            JsonNode logged = lines.stream()
                    .filter(line -> line.path("message").asText().startsWith("decision id=" + decisionId + " "))
                    .findFirst().orElse(null);
            assertNotNull(logged, "decision " + decisionId + " has its log line in " + LOG.toAbsolutePath());
            assertEquals(decisionId, logged.path("mdc").path("decisionId").asText(), logged.toString());
            assertEquals("INFO", logged.path("level").asText());
        }
        for (JsonNode line : lines) {
            String inMdc = line.path("mdc").path(DecisionLogContext.KEY).asText(null);
            if (inMdc != null) {
                assertTrue(line.path("message").asText().contains(inMdc), "a line carries only the id of its own decision: " + line);
            }
        }
        String written = Files.readString(LOG);
        for (String personId : personByDecision.values()) {
            assertFalse(written.contains(personId), "the raw person id must never be logged");
        }
    }
}
