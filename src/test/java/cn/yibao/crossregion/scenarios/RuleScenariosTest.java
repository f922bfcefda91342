package cn.yibao.crossregion.scenarios;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.rules.RuleProblem;
import cn.yibao.crossregion.rules.RulesetSource;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every case of rules-tests/ posted to the real endpoint, decided by the real rule files and
 * recorded in the real database; one JUnit test per case, named by its file and sentence.
 */
@QuarkusTest
class RuleScenariosTest extends TestUsers {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TestFactory
    Stream<DynamicTest> rulesTestsScenarios() {
        List<RuleProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = ScenarioSuite.parse(
                RulesetSource.read(Path.of("rules-drl"), Path.of("rules-dmn"), Path.of("rules-tests")), problems);
        assertEquals(List.of(), problems, "scenario files that do not parse");
        assertFalse(scenarios.isEmpty(), "no scenarios in rules-tests/");
        return scenarios.stream().map(scenario -> DynamicTest.dynamicTest(scenario.displayName(), () -> {
            String answer = given().contentType("application/json").body(JSON.writeValueAsString(scenario.request()))
                    .when().post(scenario.path())
                    .then().statusCode(200)
                    .extract().asString();
            assertEquals(List.of(), Expectations.mismatches(scenario.expect(), JSON.readTree(answer)),
                    scenario.file() + ":" + scenario.line() + " " + scenario.name() + "\n  source: " + scenario.source()
                            + "\n  answer: " + answer + "\n");
        }));
    }
}
