package cn.yibao.crossregion.scenarios;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every case of rules-tests/ posted to the real endpoint, decided by the real rule files and
 * recorded in the real database; one JUnit test per case, named by its sentence.
 */
@QuarkusTest
class RuleScenariosTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TestFactory
    Stream<DynamicTest> rulesTestsScenarios() throws IOException {
        List<Scenario> scenarios = ScenarioFiles.all();
        assertFalse(scenarios.isEmpty(), "no scenarios found in " + ScenarioFiles.FOLDER.toAbsolutePath());
        return scenarios.stream().map(scenario -> DynamicTest.dynamicTest(scenario.displayName(), () -> run(scenario)));
    }

    private static void run(Scenario scenario) throws IOException {
        String body = given().contentType("application/json").body(JSON.writeValueAsString(scenario.request()))
                .when().post(scenario.path())
                .then().statusCode(200)
                .extract().asString();
        JsonNode decision = JSON.readTree(body);
        JsonNode expect = scenario.expect();
        String context = scenario.displayName() + "\n  source: " + scenario.source() + "\n  answer: " + body + "\n";

        if (expect.has("outcome")) {
            assertEquals(expect.get("outcome").asText(), decision.path("outcome").asText(), context + "outcome");
        }
        if (expect.has("reasons")) {
            List<String> codes = new ArrayList<>();
            decision.path("reasons").forEach(reason -> codes.add(reason.path("code").asText()));
            assertEquals(codes.size(), new HashSet<>(codes).size(), context + "each reason code once");
            Set<String> expected = new TreeSet<>();
            expect.get("reasons").forEach(code -> expected.add(code.asText()));
            assertEquals(expected, new TreeSet<>(codes), context + "reasons");
        }
        for (String field : List.of("area", "validFrom", "validUntil")) {
            if (expect.has(field)) {
                assertEquals(textOrNull(expect.get(field)), textOrNull(decision.get(field)), context + field);
            }
        }
        Iterator<Map.Entry<String, JsonNode>> amounts = expect.path("amounts").fields();
        while (amounts.hasNext()) {
            Map.Entry<String, JsonNode> amount = amounts.next();
            JsonNode actual = decision.path("amounts").get(amount.getKey());
            if (amount.getValue().isNull()) {
                assertTrue(actual == null || actual.isNull(), context + "amounts." + amount.getKey() + " should be absent");
            } else {
                assertNotNull(actual, context + "amounts." + amount.getKey());
                assertEquals(0, new BigDecimal(amount.getValue().asText()).compareTo(new BigDecimal(actual.asText())),
                        context + "amounts." + amount.getKey() + ": expected " + amount.getValue() + " but was " + actual);
            }
        }
        if (expect.has("rules")) {
            Set<String> fired = firedKeys(decision);
            expect.get("rules").forEach(rule -> assertTrue(fired.contains(rule.asText()),
                    context + "rule " + rule.asText() + " should have fired; fired: " + fired));
        }
    }

    /** DRL rules by name, DMN rows as model/decision/row, as the audit trail's rule= filter names them. */
    private static Set<String> firedKeys(JsonNode decision) {
        Set<String> keys = new HashSet<>();
        for (JsonNode fired : decision.path("firedRules")) {
            if ("DRL".equals(fired.path("engine").asText())) {
                keys.add(fired.path("name").asText());
            } else {
                fired.path("rows").forEach(row -> keys.add(fired.path("model").asText() + "/" + fired.path("decision").asText() + "/" + row.asText()));
            }
        }
        return keys;
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
