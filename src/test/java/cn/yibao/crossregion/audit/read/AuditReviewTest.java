package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an auditor asks of the trail: find by person, region and version; explain; export; and never see a raw person id. */
@QuarkusTest
class AuditReviewTest extends TestUsers {

    private static String rawPersonId() {
        return "4407031990" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private static String decide(String personId, String claimId) {
        return given().contentType("application/json")
                .body(Requests.WORKED_EXAMPLE.replace("440703199001011234", personId).replace("\"worked-example\"", "\"" + claimId + "\""))
                .post("/api/v1/decisions/claim").then().statusCode(200)
                .body(not(containsString(personId)))
                .extract().path("decisionId");
    }

    @Test
    void shouldFindAPersonsDecisionsByTheRawIdWithoutStoringIt() {
        String personId = rawPersonId();
        String first = decide(personId, "person-1");
        String second = decide(personId, "person-2");
        decide(rawPersonId(), "someone-else");

        given().queryParam("personId", personId).get("/api/v1/decisions")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.decisionId", contains(second, first))
                .body(not(containsString(personId)));
    }

    @Test
    void shouldFilterByRegionsAndRulesetVersion() {
        String claimId = "regions-" + UUID.randomUUID();
        String decisionId = decide(rawPersonId(), claimId);
        String version = given().get("/api/v1/decisions/" + decisionId).then().extract().path("rulesetVersion");

        given().queryParam("claimId", claimId).queryParam("insuredRegion", "440700").queryParam("treatmentRegion", "110105")
                .queryParam("rulesetVersion", version).get("/api/v1/decisions").then().body("total", equalTo(1));
        given().queryParam("claimId", claimId).queryParam("treatmentRegion", "310101").get("/api/v1/decisions").then().body("total", equalTo(0));
        given().queryParam("claimId", claimId).queryParam("rulesetVersion", "sha256:other").get("/api/v1/decisions").then().body("total", equalTo(0));
    }

    @Test
    void shouldExplainADecisionInBothLanguagesStepByStep() {
        String decisionId = decide(rawPersonId(), "explained");

        given().get("/api/v1/decisions/" + decisionId + "/explanation")
                .then().statusCode(200)
                .body("outcome", equalTo("APPROVED"))
                .body("summary.en", containsString("15200.00"))
                .body("summary.zh", containsString("15200.00"))
                .body("reasons.code", contains("EXCL_SELF_PAY", "PAY_DIRECT_SETTLEMENT"))
                .body("reasons[0].source", equalTo("seed 000 不予报销 1"))
                .body("reasons[0].message.zh", not(equalTo("")))
                .body("fired[0].order", equalTo(1))
                .body("fired.find { it.name == 'exclusion: the self-paid share is never paid' }.source", equalTo("seed 000 不予报销 1"))
                .body("fired.find { it.name == 'exclusion: the self-paid share is never paid' }.file", equalTo("rules-drl/exclusions.drl"))
                .body("tables.find { it.decision == 'Base policy' }.hitPolicy", equalTo("FIRST"))
                .body("tables.find { it.decision == 'Base policy' }.inputs", contains("Insured city", "Scheme", "Status", "Tariff care type", "Tariff level"))
                .body("tables.find { it.decision == 'Base policy' }.rows.findAll { it.matched }.number", contains(5))
                .body("tables.find { it.decision == 'Base policy' }.rows.find { it.matched }.outputEntries", contains("1000", "0.80", "400000"))
                .body("tables.find { it.decision == 'Ratio reduction' }.rows.find { it.matched }.outputEntries", contains("0", "\"PAY_DIRECT_SETTLEMENT\""))
                .body("payout.step", contains("covered", "base", "ratio", "capLeft", "payable"))
                .body("payout.find { it.step == 'covered' }.formula", equalTo("max(0, 23000.00 − 3000.00)"))
                .body("payout.find { it.step == 'base' }.value", equalTo(19000.00f))
                .body("payout.find { it.step == 'payable' }.value", equalTo(15200.00f))
                .body("payout.find { it.step == 'payable' }.description.zh", containsString("四舍五入"));
    }

    @Test
    void shouldExportCsvAndJsonLinesWithMaskedPersonIds() {
        String personId = rawPersonId();
        String claimId = "export-" + UUID.randomUUID();
        String decisionId = decide(personId, claimId);

        String csv = given().queryParam("claimId", claimId).queryParam("format", "csv").get("/api/v1/decisions/export")
                .then().statusCode(200).header("Content-Type", containsString("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(2, lines.size(), csv);
        assertTrue(lines.get(0).startsWith("\"decisionId\",\"type\",\"claimId\",\"outcome\",\"personId\""), lines.get(0));
        assertTrue(lines.get(1).startsWith("\"" + decisionId + "\",\"CLAIM\",\"" + claimId + "\",\"APPROVED\",\"440703********"), lines.get(1));
        assertTrue(lines.get(1).contains("\"15200.00\""), lines.get(1));
        assertFalse(csv.contains(personId));

        given().queryParam("personId", personId).queryParam("format", "jsonl").get("/api/v1/decisions/export")
                .then().statusCode(200)
                .body(not(containsString(personId)))
                .body(containsString("\"decisionId\":\"" + decisionId + "\""))
                .body(containsString("\"personId\":\"440703********"));
        given().queryParam("format", "xml").get("/api/v1/decisions/export").then().statusCode(400).body("errors.field", hasItem("format"));
    }

    @Test
    void shouldVerifyTheChainOfTheTrail() {
        decide(rawPersonId(), "verified");
        given().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void shouldNeverLogARawPersonId() throws Exception {
        String personId = rawPersonId();
        String decisionId = decide(personId, "logged");
        given().get("/api/v1/decisions/" + decisionId).then().body(not(containsString(personId)));
        given().get("/api/v1/decisions/" + decisionId + "/explanation").then().body(not(containsString(personId)));
        Path log = Path.of("target/quarkus.log");
        assertTrue(Files.exists(log), "tests log to " + log.toAbsolutePath());
        String written = Files.readString(log);
        assertTrue(written.contains(decisionId), "the decision is logged by its id");
        assertFalse(written.contains(personId), "the raw person id must never be logged");
        assertFalse(written.contains("440703199001011234"), "the raw person id of the shared requests must never be logged");
    }

    @Test
    void shouldAnswer404ForTheExplanationOfAnUnknownDecision() {
        given().get("/api/v1/decisions/" + UUID.randomUUID() + "/explanation").then().statusCode(404);
    }

    /** More decisions than two export batches hold: each exported exactly once, in both formats. */
    @Test
    void shouldExportEveryDecisionOnceAcrossSeveralBatches() throws Exception {
        String claimId = "bulk-" + UUID.randomUUID();
        int count = 2 * ExportResource.BATCH + 201;
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.Set<String> decided;
        try {
            List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                answers.add(callers.submit(() -> decide(rawPersonId(), claimId)));
            }
            decided = new java.util.HashSet<>();
            for (var answer : answers) {
                decided.add(answer.get());
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(count, decided.size());

        List<String> jsonl = given().queryParam("claimId", claimId).queryParam("format", "jsonl").get("/api/v1/decisions/export")
                .then().statusCode(200).extract().asString().lines().toList();
        assertEquals(count, jsonl.size());
        assertEquals(decided, jsonl.stream().map(line -> JsonPath.from(line).getString("decisionId"))
                .collect(java.util.stream.Collectors.toSet()), "each decision exactly once");

        List<String> csv = given().queryParam("claimId", claimId).queryParam("format", "csv").get("/api/v1/decisions/export")
                .then().statusCode(200).extract().asString().lines().toList();
        assertEquals(count + 1, csv.size(), "a header and a row per decision");
        given().queryParam("claimId", claimId).queryParam("size", 2).get("/api/v1/decisions").then()
                .body("items", hasSize(2)).body("total", equalTo(count));
    }
}
