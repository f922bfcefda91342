package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.OwnDatabase;
import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Policy in time (POLICY.md §8) through the real endpoints: each claim is decided by the version
 * in force on its admission date. Scheduled entries lie in the far future and corrections in the
 * past, each test on dates of its own, so that the version in force today stays the shipped one.
 */
@QuarkusTest
@TestProfile(PolicyTimelineTest.OwnTimeline.class)
class PolicyTimelineTest extends TestUsers {

    public static class OwnTimeline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return OwnDatabase.named("policy-timeline");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private String shipped;

    @BeforeEach
    void rememberTheShippedVersion() {
        shipped = timeline().getString("inForceToday");
    }

    @Test
    void shouldDecideEachSideOfAScheduledChangeByItsOwnVersionUntilTheChangeIsWithdrawn() {
        String raised = draftWithRatio("0.95", "9.98");
        LocalDate change = LocalDate.of(2998, 1, 1);
        Instant beforeActivation = Instant.now();

        activate(raised, Map.of("effectiveFrom", change.toString(), "note", "2998年度待遇调整"))
                .then().statusCode(200)
                .body("version", equalTo(raised))
                .body("previous", equalTo(shipped))
                .body("effectiveFrom", equalTo("2998-01-01"))
                .body("activatedBy", equalTo(TESTER))
                .body("note", equalTo("2998年度待遇调整"));

        JsonPath scheduled = timeline();
        assertEquals(shipped, scheduled.getString("inForceToday"));
        assertEquals("SCHEDULED", scheduled.getString("entries.find { it.effectiveFrom == '2998-01-01' }.status"));
        assertEquals("2997-12-31", scheduled.getString("entries.findAll { it.status == 'IN_FORCE' }.last().until"),
                "the entry in force before the change decides until the day before it");

        decide(claimOn(change.minusDays(1))).then().statusCode(200)
                .body("rulesetVersion", equalTo(shipped)).body("policyDate", equalTo("2997-12-31"))
                .body("amounts.payable", equalTo(9.77f));
        decide(claimOn(change)).then().statusCode(200)
                .body("rulesetVersion", equalTo(raised)).body("policyDate", equalTo("2998-01-01"))
                .body("amounts.payable", equalTo(9.98f));

        Instant beforeWithdrawal = Instant.now();
        given().delete("/api/v1/rulesets/timeline/2998-01-01").then().statusCode(200)
                .body("status", equalTo("WITHDRAWN")).body("withdrawnBy", equalTo(TESTER)).body("version", equalTo(raised));
        decide(claimOn(change)).then().statusCode(200).body("rulesetVersion", equalTo(shipped));

        assertEquals("SCHEDULED", timeline(beforeWithdrawal).getString("entries.find { it.effectiveFrom == '2998-01-01' }.status"),
                "asOf shows the timeline as it stood before the withdrawal");
        assertEquals(null, timeline(beforeActivation).getString("entries.find { it.effectiveFrom == '2998-01-01' }"),
                "nor was the entry there before its activation");
        assertEquals("WITHDRAWN", timeline().getString("entries.find { it.effectiveFrom == '2998-01-01' }.status"));
        given().delete("/api/v1/rulesets/timeline/2998-01-01").then().statusCode(404);
    }

    @Test
    void shouldLetTheLaterOfTwoActivationsOfOneDateDecide() {
        String raised = draftWithRatio("0.95", "9.98");
        String lowered = draftWithRatio("0.91", "9.56");
        LocalDate date = LocalDate.of(2997, 6, 1);
        activate(raised, Map.of("effectiveFrom", date.toString())).then().statusCode(200);
        activate(lowered, Map.of("effectiveFrom", date.toString())).then().statusCode(200).body("previous", equalTo(raised));

        decide(claimOn(date)).then().statusCode(200).body("rulesetVersion", equalTo(lowered)).body("amounts.payable", equalTo(9.56f));
        JsonPath timeline = timeline();
        assertEquals(List.of("REPLACED", "SCHEDULED"), timeline.getList("entries.findAll { it.effectiveFrom == '2997-06-01' }.status"));

        given().delete("/api/v1/rulesets/timeline/2997-06-01").then().statusCode(200);
        decide(claimOn(date)).then().statusCode(200).body("rulesetVersion", equalTo(shipped));
    }

    @Test
    void shouldCorrectAPastPeriodForNewDecisionsWhileRecordedOnesKeepTheirVersion() {
        LocalDate inPeriod = LocalDate.of(2010, 3, 2);
        String recordedBefore = decide(claimOn(inPeriod)).then().statusCode(200)
                .body("rulesetVersion", equalTo(shipped)).extract().path("decisionId");

        // The shipped version again from 2011 on, so that the correction governs 2010 only.
        activate(shipped, Map.of("effectiveFrom", "2011-01-01")).then().statusCode(200);
        String corrected = draftWithRatio("0.95", "9.98");
        activate(corrected, Map.of("effectiveFrom", "2010-01-01", "note", "2010年比例更正")).then().statusCode(200);

        decide(claimOn(inPeriod)).then().statusCode(200).body("rulesetVersion", equalTo(corrected)).body("amounts.payable", equalTo(9.98f));
        decide(claimOn(LocalDate.of(2009, 12, 31))).then().statusCode(200).body("rulesetVersion", equalTo(shipped));
        decide(claimOn(LocalDate.of(2011, 1, 1))).then().statusCode(200).body("rulesetVersion", equalTo(shipped));
        assertEquals(shipped, timeline().getString("inForceToday"));

        given().get("/api/v1/decisions/" + recordedBefore).then().statusCode(200)
                .body("rulesetVersion", equalTo(shipped)).body("policyDate", equalTo("2010-03-02"))
                .body("response.amounts.payable", equalTo(9.77f));
        given().get("/api/v1/decisions/" + recordedBefore + "/explanation").then().statusCode(200)
                .body("policyDate", equalTo("2010-03-02"))
                .body("timelineEntry.effectiveFrom", equalTo("2000-01-01"))
                .body("timelineEntry.version", equalTo(shipped));

        given().contentType("application/json")
                .body(Map.of("candidate", corrected, "by", "policyDate", "from", "2010-01-01", "to", "2010-12-31", "type", "CLAIM"))
                .header("Prefer", "wait=60").post("/api/v1/replays").then().statusCode(200)
                .body("compared", equalTo(2))
                .body("changed", equalTo(1))
                .body("changes[0].decisionId", equalTo(recordedBefore));

        given().delete("/api/v1/rulesets/timeline/2010-01-01").then().statusCode(409)
                .body("message", containsString("in force"));
    }

    @Test
    void shouldRefuseADecisionWhosePolicyDateIsBeforeTheFirstEntryAndRecordNothing() {
        String claimId = "before-the-timeline-" + UUID.randomUUID();
        ObjectNode claim = claimOn(LocalDate.of(1999, 12, 31));
        claim.put("claimId", claimId);
        decide(claim).then().statusCode(422)
                .body("errors[0].field", equalTo("treatment.admissionDate"))
                .body("errors[0].message", containsString("2000-01-01"))
                .body("errors[0].messageZh", containsString("无有效政策"));
        given().queryParam("claimId", claimId).get("/api/v1/decisions").then().statusCode(200).body("total", equalTo(0));

        String cancellation = """
                { "action": "CANCEL", "filing": { "type": "LONG_TERM_RESIDENCE", "filedDate": "1999-01-05" }, "requestDate": "1999-12-31" }""";
        given().contentType("application/json").body(cancellation).post("/api/v1/decisions/filing").then().statusCode(422)
                .body("errors[0].field", equalTo("requestDate"));
        String application = Requests.POSTED_WORKER_FILING.replace("\"filedDate\": \"2026-02-01\"", "\"filedDate\": \"1999-02-01\"");
        given().contentType("application/json").body(application).post("/api/v1/decisions/filing").then().statusCode(422)
                .body("errors[0].field", equalTo("filing.filedDate"));
    }

    @Test
    void shouldQuoteInReasonTextsTheNumberOfTheVersionThatDecided() {
        Map<String, String> files = shippedFiles();
        String points45 = files.get("rules-dmn/payout.dmn")
                .replace("<outputEntry id=\"Ratio_reduction_row1_out1\"><text>40</text>", "<outputEntry id=\"Ratio_reduction_row1_out1\"><text>45</text>");
        String claims = files.get("rules-tests/claims.yaml")
                .replace("amounts: { ratio: 0.40, payable: 8800.00 }", "amounts: { ratio: 0.35, payable: 7700.00 }");
        String exclusions = files.get("rules-tests/exclusions.yaml")
                .replace("reductionPoints: 40, ratio: 0.40, payable: 8800.00", "reductionPoints: 45, ratio: 0.35, payable: 7700.00");
        String version = given().contentType("application/json")
                .body(Map.of("files", Map.of("rules-dmn/payout.dmn", points45, "rules-tests/claims.yaml", claims,
                        "rules-tests/exclusions.yaml", exclusions)))
                .post("/api/v1/rulesets/drafts").then().statusCode(201).body("tests.failed", equalTo(0)).extract().path("version");
        LocalDate change = LocalDate.of(2996, 1, 1);
        activate(version, Map.of("effectiveFrom", change.toString())).then().statusCode(200);

        assertEquals(List.of("报销比例降低40个百分点", "ratio reduced by 40 points"), reductionText(change.minusDays(1)));
        assertEquals(List.of("报销比例降低45个百分点", "ratio reduced by 45 points"), reductionText(change));
        given().delete("/api/v1/rulesets/timeline/2996-01-01").then().statusCode(200);
    }

    @Test
    void shouldRefuseABadEffectiveDateOrAsOfNamingTheField() {
        activate(shipped, Map.of("effectiveFrom", "2027-02-30")).then().statusCode(400)
                .body("errors[0].field", containsString("effectiveFrom"));
        given().queryParam("asOf", "yesterday").get("/api/v1/rulesets/timeline").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        given().delete("/api/v1/rulesets/timeline/next-year").then().statusCode(400)
                .body("errors[0].field", equalTo("effectiveFrom"));
        given().delete("/api/v1/rulesets/timeline/2000-01-01").then().statusCode(409);
        String inForceToday = timeline().getString("entries.findAll { it.status == 'IN_FORCE' }.last().effectiveFrom");
        given().post("/api/v1/rulesets/" + shipped + "/activate").then().statusCode(200)
                .body("version", equalTo(shipped)).body("effectiveFrom", equalTo(inForceToday));
        given().get("/api/v1/rulesets/timeline").then().statusCode(200).body("entries[0].withdrawnAt", nullValue());
    }

    /** The PAY_NON_DESIGNATED text's reduction phrase, zh and en, for an unfiled emergency at a non-designated hospital. */
    private List<String> reductionText(LocalDate admission) {
        ObjectNode claim = claimOn(admission);
        claim.remove("filing");
        ((ObjectNode) claim.get("treatment")).put("emergency", true);
        ((ObjectNode) claim.get("treatment").get("provider")).put("designated", false);
        JsonPath answer = decide(claim).then().statusCode(200).extract().jsonPath();
        String zh = answer.getString("reasons.find { it.code == 'PAY_NON_DESIGNATED' }.message.zh");
        String en = answer.getString("reasons.find { it.code == 'PAY_NON_DESIGNATED' }.message.en");
        return List.of(zh.substring(zh.indexOf("报销比例")), en.substring(en.indexOf("ratio")));
    }

    /** The retiree's level-1 stay of the workflow tests (9.77 payable on the shipped rules), with its dates moved to {@code admission}. */
    private static ObjectNode claimOn(LocalDate admission) {
        try {
            ObjectNode claim = (ObjectNode) JSON.readTree(cn.yibao.crossregion.workflow.RulesetWorkflowTest.RETIREE_CLAIM);
            claim.put("claimId", "timeline-" + admission + "-" + UUID.randomUUID());
            ObjectNode treatment = (ObjectNode) claim.get("treatment");
            treatment.put("admissionDate", admission.toString());
            treatment.put("dischargeDate", admission.plusDays(10).toString());
            ObjectNode filing = (ObjectNode) claim.get("filing");
            filing.put("filedDate", admission.minusDays(30).toString());
            filing.put("residenceStartDate", admission.minusDays(300).toString());
            ((ObjectNode) filing.get("referral")).put("transferDate", admission.toString());
            claim.put("submittedDate", admission.plusDays(10).toString());
            return claim;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response decide(ObjectNode claim) {
        return given().contentType("application/json").body(claim.toString()).post("/api/v1/decisions/claim");
    }

    private String draftWithRatio(String ratio, String payable) {
        Map<String, String> files = shippedFiles();
        String payout = files.get("rules-dmn/payout.dmn").replace("<text>0.93</text>", "<text>" + ratio + "</text>");
        String scenarios = files.get("rules-tests/payout.yaml")
                .replace("baseRatio: 0.93, ratio: 0.93, payable: 9.77", "baseRatio: " + ratio + ", ratio: " + ratio + ", payable: " + payable);
        return given().contentType("application/json")
                .body(Map.of("files", Map.of("rules-dmn/payout.dmn", payout, "rules-tests/payout.yaml", scenarios)))
                .post("/api/v1/rulesets/drafts").then().statusCode(201).body("tests.failed", equalTo(0)).extract().path("version");
    }

    private Map<String, String> shippedFiles() {
        return given().get("/api/v1/rulesets/" + shipped).then().statusCode(200).extract().path("files");
    }

    private static Response activate(String version, Map<String, String> body) {
        return given().contentType("application/json").body(body).post("/api/v1/rulesets/" + version + "/activate");
    }

    private static JsonPath timeline() {
        return given().get("/api/v1/rulesets/timeline").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath timeline(Instant asOf) {
        return given().queryParam("asOf", asOf.toString()).get("/api/v1/rulesets/timeline").then().statusCode(200).extract().jsonPath();
    }
}
