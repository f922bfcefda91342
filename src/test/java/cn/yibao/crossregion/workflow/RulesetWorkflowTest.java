package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.TestUsers;
import static cn.yibao.crossregion.TestUsers.TESTER;
import cn.yibao.crossregion.api.Requests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drafts, activation, rollback and replays through the real endpoints: a broken file never
 * goes live and the service keeps deciding on the version it had.
 */
@QuarkusTest
class RulesetWorkflowTest extends TestUsers {

    /** A retired employee, level-1 inpatient: (310.50 - 300) x 0.93 = 9.765 → 9.77 on the shipped rules. */
    static final String RETIREE_CLAIM = Requests.WORKED_EXAMPLE
            .replace("\"EMPLOYED\"", "\"RETIRED\"").replace("\"level\": 3", "\"level\": 1")
            .replace("\"total\": 23000.00, \"selfPay\": 3000.00", "\"total\": 310.50, \"selfPay\": 0");

    private String shipped;
    private Map<String, String> shippedFiles;

    @BeforeEach
    void rememberTheLiveVersion() {
        shipped = activeVersion();
        shippedFiles = given().get("/api/v1/rulesets/" + shipped).then().statusCode(200).extract().path("files");
    }

    @AfterEach
    void putTheLiveVersionBack() {
        if (!shipped.equals(activeVersion())) {
            given().post("/api/v1/rulesets/" + shipped + "/activate").then().statusCode(200);
        }
    }

    @Test
    void shouldRefuseADraftWithADrlSyntaxErrorAndKeepDecidingOnTheLiveVersion() {
        String broken = shippedFiles.get("rules-drl/exclusions.drl").replace("Claim( cause == Cause.SELF_HARM )", "Claim( cause == == )");
        draft(Map.of("rules-drl/exclusions.drl", broken))
                .then().statusCode(422)
                .body("errors[0].file", equalTo("rules-drl/exclusions.drl"))
                .body("errors[0].line", greaterThan(0))
                .body("errors[0].message", containsString("=="));
        assertEquals(shipped, activeVersion());
        assertEquals("15200.00", payable(Requests.WORKED_EXAMPLE, shipped));
    }

    @Test
    void shouldRefuseADraftWithInvalidFeelInADecisionTable() {
        String broken = shippedFiles.get("rules-dmn/payout.dmn").replace("<text>&gt; 60</text>", "<text>&gt;&gt; 60 +</text>");
        draft(Map.of("rules-dmn/payout.dmn", broken))
                .then().statusCode(422)
                .body("errors[0].file", equalTo("rules-dmn/payout.dmn"))
                .body("errors[0].line", greaterThan(0));
        assertEquals(shipped, activeVersion());
    }

    @Test
    void shouldRefuseADraftWithOverlappingRowsUnderHitPolicyUnique() {
        String overlapping = shippedFiles.get("rules-dmn/payout.dmn")
                .replace("id=\"Ratio_reduction_table\" hitPolicy=\"FIRST\"", "id=\"Ratio_reduction_table\" hitPolicy=\"UNIQUE\"");
        draft(Map.of("rules-dmn/payout.dmn", overlapping))
                .then().statusCode(422)
                .body("errors.file", hasItem("rules-dmn/payout.dmn"))
                .body("errors.message", hasItem(containsString("Overlapping rules")));
        assertEquals(shipped, activeVersion());
    }

    @Test
    void shouldRefuseFilesOutsideTheRuleFolders() {
        draft(Map.of("src/main/resources/application.properties", "quarkus.http.port=1"))
                .then().statusCode(422).body("errors[0].file", equalTo("src/main/resources/application.properties"));
    }

    /** A typo in an analyst's scenario file would make a case that checks nothing: the draft is refused at its line. */
    @Test
    void shouldRefuseADraftWhoseScenarioFileHasAMisspeltKey() {
        String shippedScenarios = shippedFiles.get("rules-tests/payout.yaml");
        String misspelt = "      reasons: [PAY_DIRECT_SETTLEMENT]";
        int at = shippedScenarios.indexOf(misspelt);
        int line = (int) shippedScenarios.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        String scenarios = shippedScenarios.substring(0, at) + "      reason: [PAY_DIRECT_SETTLEMENT]" + shippedScenarios.substring(at + misspelt.length());

        draft(Map.of("rules-tests/payout.yaml", scenarios))
                .then().statusCode(422)
                .body("errors.size()", equalTo(1))
                .body("errors[0].file", equalTo("rules-tests/payout.yaml"))
                .body("errors[0].line", equalTo(line))
                .body("errors[0].message", containsString("unknown key \"reason\" in expect:"));
        assertEquals(shipped, activeVersion());
    }

    @Test
    void shouldStoreADraftWhoseScenariosFailButNeverActivateIt() {
        String changed = shippedFiles.get("rules-dmn/payout.dmn").replace("<text>0.93</text>", "<text>0.95</text>");
        var saved = draft(Map.of("rules-dmn/payout.dmn", changed))
                .then().statusCode(201)
                .body("status", equalTo("DRAFT"))
                .body("tests.failures[0].file", equalTo("rules-tests/payout.yaml"))
                .body("tests.failures[0].line", greaterThan(0))
                .body("tests.failures[0].mismatches", hasItem(containsString("amounts.payable")))
                .body("tests.cases.size()", greaterThan(50))
                .body("tests.cases.findAll { !it.passed }.name", hasItem(containsString("a retiree's payable is rounded half up")))
                .body("tests.cases.findAll { !it.passed }.line", everyItem(greaterThan(0)))
                .extract();
        String version = saved.path("version");
        // As many failures as failing cases, each reported once (the count grows as analysts add scenarios).
        int failing = saved.path("tests.cases.findAll { !it.passed }.size()");
        assertEquals(failing, (int) saved.path("tests.failed"));
        assertEquals(failing, (int) saved.path("tests.failures.size()"));

        given().post("/api/v1/rulesets/" + version + "/activate")
                .then().statusCode(409).body("tests.failed", equalTo(failing));
        assertEquals(shipped, activeVersion());
        given().get("/api/v1/rulesets").then().body("find { it.version == '" + version + "' }.status", equalTo("DRAFT"));
    }

    @Test
    void shouldReplayARatioChangeActivateItAndRollBack() {
        Instant start = Instant.now().minusMillis(1);
        given().contentType("application/json").body(RETIREE_CLAIM).post("/api/v1/decisions/claim").then().statusCode(200);
        given().contentType("application/json").body(RETIREE_CLAIM).post("/api/v1/decisions/claim").then().statusCode(200);
        given().contentType("application/json").body(Requests.WORKED_EXAMPLE).post("/api/v1/decisions/claim").then().statusCode(200);
        given().contentType("application/json").body(Requests.POSTED_WORKER_FILING).post("/api/v1/decisions/filing").then().statusCode(200);
        Instant end = Instant.now().plusMillis(1);

        // The analyst raises the retired level-1 inpatient ratio from 0.93 to 0.95 and updates the scenario that pins it.
        String payout = shippedFiles.get("rules-dmn/payout.dmn").replace("<text>0.93</text>", "<text>0.95</text>");
        String scenarios = shippedFiles.get("rules-tests/payout.yaml")
                .replace("baseRatio: 0.93, ratio: 0.93, payable: 9.77", "baseRatio: 0.95, ratio: 0.95, payable: 9.98");
        String candidate = draft(Map.of("rules-dmn/payout.dmn", payout, "rules-tests/payout.yaml", scenarios))
                .then().statusCode(201)
                .body("status", equalTo("DRAFT"))
                .body("tests.failed", equalTo(0))
                .body("tests.passed", greaterThan(50))
                .extract().path("version");
        assertNotEquals(shipped, candidate);
        assertEquals(shipped, activeVersion(), "a draft is never live");

        given().contentType("application/json")
                .body(Map.of("candidate", candidate, "from", start.toString(), "to", end.toString()))
                .header("Prefer", "wait=60")
                .when().post("/api/v1/replays")
                .then().statusCode(200)
                .body("compared", equalTo(4))
                .body("changed", equalTo(2))
                .body("transitions", anEmptyMap())
                .body("payableDelta.total", equalTo(0.42f))
                .body("payableDelta.min", equalTo(0.21f))
                .body("payableDelta.max", equalTo(0.21f))
                .body("changes.before.payable", everyItem(equalTo(9.77f)))
                .body("changes.after.payable", everyItem(equalTo(9.98f)))
                .body("changes.type", everyItem(equalTo("CLAIM")));
        assertEquals(shipped, activeVersion(), "a replay never touches the live version");
        String changedDecision = given().contentType("application/json")
                .body(Map.of("candidate", candidate, "from", start.toString(), "to", end.toString()))
                .header("Prefer", "wait=60").post("/api/v1/replays").then().extract().path("changes[0].decisionId");
        // As a job: 202 and a Location, progress until DONE, the changes by cursor and as a download.
        String location = given().contentType("application/json")
                .body(Map.of("candidate", candidate, "from", start.toString(), "to", end.toString()))
                .post("/api/v1/replays").then().statusCode(202)
                .body("status", anyOf(equalTo("RUNNING"), equalTo("DONE"))).body("total", equalTo(4))
                .extract().header("Location");
        JsonPath job = awaitDone(location);
        assertEquals(4, job.getInt("done"));
        assertEquals(2, job.getInt("changed"));
        assertEquals(2L, job.getList("histogram.count", Long.class).stream().mapToLong(Long::longValue).sum());
        assertEquals(2, job.getInt("histogram.find { it.range == '[0,1)' }.count"), "+0.21 each");
        JsonPath firstPage = given().queryParam("size", 1).get(location + "/changes").then().statusCode(200).extract().jsonPath();
        assertEquals(1, firstPage.getList("items").size());
        JsonPath secondPage = given().queryParam("size", 1).queryParam("cursor", firstPage.getString("next"))
                .get(location + "/changes").then().statusCode(200).extract().jsonPath();
        assertNotEquals(firstPage.getString("items[0].decisionId"), secondPage.getString("items[0].decisionId"));
        assertEquals(null, secondPage.getString("next"), "the last page has no next");
        assertEquals(2, given().get(location + "/changes.jsonl").then().statusCode(200).extract().asString().lines().count());
        given().delete(location).then().statusCode(200).body("status", equalTo("DONE"));
        given().get("/api/v1/replays/" + UUID.randomUUID()).then().statusCode(404);

        // The analyst page links each changed decision to its explanation: analysts may read it.
        given().auth().preemptive().basic("analyst", "analyst-password")
                .get("/api/v1/decisions/" + changedDecision + "/explanation")
                .then().statusCode(200).body("decisionId", equalTo(changedDecision)).body("outcome", equalTo("APPROVED"));

        given().post("/api/v1/rulesets/" + candidate + "/activate")
                .then().statusCode(200).body("version", equalTo(candidate)).body("previous", equalTo(shipped));
        assertEquals("9.98", payable(RETIREE_CLAIM, candidate));
        JsonPath rulesets = given().get("/api/v1/rulesets").then().extract().jsonPath();
        assertEquals("ACTIVE", rulesets.getString("find { it.version == '" + candidate + "' }.status"));
        assertEquals("PREVIOUS", rulesets.getString("find { it.version == '" + shipped + "' }.status"));
        assertEquals(TESTER, rulesets.getString("find { it.version == '" + candidate + "' }.activatedBy"));

        given().post("/api/v1/rulesets/" + shipped + "/activate")
                .then().statusCode(200).body("version", equalTo(shipped)).body("previous", equalTo(candidate));
        assertEquals("9.77", payable(RETIREE_CLAIM, shipped));
    }

    @Test
    void shouldReloadTheRuleFoldersAsTheyAre() {
        given().post("/api/v1/rulesets/reload")
                .then().statusCode(200).body("version", equalTo(shipped)).body("previous", equalTo(shipped));
    }

    @Test
    void shouldRefuseToActivateAnUnknownVersion() {
        given().post("/api/v1/rulesets/sha256:" + "0".repeat(64) + "/activate").then().statusCode(404);
        given().contentType("application/json").body(Map.of("candidate", "sha256:" + "0".repeat(64)))
                .post("/api/v1/replays").then().statusCode(404);
        given().contentType("application/json").body(Map.of("from", "2026-01-01"))
                .post("/api/v1/replays").then().statusCode(400).body("errors.field", hasItem("candidate"));
    }

    private static JsonPath awaitDone(String location) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        JsonPath job = given().get(location).then().statusCode(200).extract().jsonPath();
        while (!"DONE".equals(job.getString("status")) && System.nanoTime() < deadline) {
            job = given().get(location).then().statusCode(200).extract().jsonPath();
        }
        assertEquals("DONE", job.getString("status"), "the replay finishes");
        return job;
    }

    private static io.restassured.response.Response draft(Map<String, String> files) {
        return given().contentType("application/json").body(Map.of("files", files)).when().post("/api/v1/rulesets/drafts");
    }

    private static String activeVersion() {
        return given().get("/api/v1/rulesets").then().statusCode(200).extract().path("find { it.active }.version");
    }

    private static String payable(String claim, String expectedVersion) {
        JsonPath answer = given().contentType("application/json").body(claim).post("/api/v1/decisions/claim")
                .then().statusCode(200).body("rulesetVersion", equalTo(expectedVersion)).extract().jsonPath();
        assertTrue(answer.getString("outcome").equals("APPROVED"));
        return new java.math.BigDecimal(answer.getString("amounts.payable")).setScale(2).toPlainString();
    }
}
