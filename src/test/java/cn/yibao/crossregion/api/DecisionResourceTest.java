package cn.yibao.crossregion.api;

import cn.yibao.crossregion.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class DecisionResourceTest extends TestUsers {

    @Test
    void shouldPayTheWorkedExampleOfTheContract() {
        given().contentType("application/json").body(Requests.WORKED_EXAMPLE)
                .when().post("/api/v1/decisions/claim")
                .then().statusCode(200)
                .body("type", equalTo("CLAIM"))
                .body("claimId", equalTo("worked-example"))
                .body("outcome", equalTo("APPROVED"))
                .body("area", equalTo("CROSS_PROVINCE"))
                .body("amounts.total", equalTo(23000.00f))
                .body("amounts.covered", equalTo(20000.00f))
                .body("amounts.deductible", equalTo(1000.00f))
                .body("amounts.baseRatio", equalTo(0.80f))
                .body("amounts.reductionPoints", equalTo(0))
                .body("amounts.ratio", equalTo(0.80f))
                .body("amounts.annualCap", equalTo(400000.00f))
                .body("amounts.payable", equalTo(15200.00f))
                .body("reasons.code", contains("EXCL_SELF_PAY", "PAY_DIRECT_SETTLEMENT"))
                .body("reasons[0].kind", equalTo("INFO"))
                .body("reasons[0].message.zh", notNullValue())
                .body("reasons[0].message.en", notNullValue())
                .body("reasons[0].source", equalTo("seed 000 不予报销 1"))
                .body("reasons[1].kind", equalTo("ADJUSTMENT"))
                .body("firedRules.findAll { it.engine == 'DRL' }.name", hasItems(
                        "exclusion: the self-paid share is never paid",
                        "area: care in another province is cross-province",
                        "filing: a filing with no defect is valid"))
                .body("firedRules.find { it.name == 'exclusion: the self-paid share is never paid' }.file", equalTo("rules-drl/exclusions.drl"))
                .body("firedRules.find { it.decision == 'Base policy' }.model", equalTo("payout"))
                .body("firedRules.find { it.decision == 'Base policy' }.rows", contains(5))
                .body("firedRules.find { it.decision == 'Ratio reduction' }.rows", contains(5))
                .body("rulesetVersion", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("evaluatedAt", notNullValue());
    }

    @Test
    void shouldAcceptThePostedWorkerFilingOfTheContract() {
        given().contentType("application/json").body(Requests.POSTED_WORKER_FILING)
                .when().post("/api/v1/decisions/filing")
                .then().statusCode(200)
                .body("type", equalTo("FILING"))
                .body("action", equalTo("APPLY"))
                .body("filingType", equalTo("POSTED_WORKER"))
                .body("outcome", equalTo("ACCEPTED"))
                .body("validFrom", equalTo("2026-02-01"))
                .body("validUntil", equalTo("2027-01-31"))
                .body("reasons", org.hamcrest.Matchers.empty())
                .body("firedRules.name", hasItem("term: residence, posting, student and resettlement filings stand for a year from the filing date"));
    }

    @Test
    void shouldNotReportValidityForARejectedFiling() {
        given().contentType("application/json")
                .body(Requests.POSTED_WORKER_FILING.replace("\"employerCertificate\": true", "\"employerCertificate\": false"))
                .when().post("/api/v1/decisions/filing")
                .then().statusCode(200)
                .body("outcome", equalTo("REJECTED"))
                .body("reasons.code", contains("ELIG_MISSING_EMPLOYER_CERTIFICATE"))
                .body("reasons[0].kind", equalTo("ELIGIBILITY"))
                .body("validFrom", nullValue())
                .body("validUntil", nullValue());
    }
}
