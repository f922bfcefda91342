package cn.yibao.crossregion.api;

import cn.yibao.crossregion.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static cn.yibao.crossregion.api.Requests.POSTED_WORKER_FILING;
import static cn.yibao.crossregion.api.Requests.WORKED_EXAMPLE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each bad input of API.md: a 400 naming the field in English and Chinese, and nothing recorded. */
@QuarkusTest
class BadInputTest extends TestUsers {

    private static final String CLAIM = "/api/v1/decisions/claim";
    private static final String FILING = "/api/v1/decisions/filing";

    static Stream<Arguments> badRequests() {
        return Stream.of(
                arguments("malformed JSON", CLAIM, "{\"insured\": {", "body"),
                arguments("an array instead of an object", CLAIM, "[]", "body"),
                arguments("an empty body", CLAIM, "", "body"),
                arguments("unknown scheme", CLAIM, WORKED_EXAMPLE.replace("\"EMPLOYEE\"", "\"SELF_EMPLOYED\""), "insured.scheme"),
                arguments("a scheme given as a number", CLAIM, WORKED_EXAMPLE.replace("\"scheme\": \"EMPLOYEE\"", "\"scheme\": 1"), "insured.scheme"),
                arguments("a date given as a number of days", CLAIM, WORKED_EXAMPLE.replace("\"admissionDate\": \"2026-03-02\"", "\"admissionDate\": 20514"), "treatment.admissionDate"),
                arguments("a date-time instead of a date", CLAIM, WORKED_EXAMPLE.replace("\"admissionDate\": \"2026-03-02\"", "\"admissionDate\": \"2026-03-02T10:00\""), "treatment.admissionDate"),
                arguments("a person id with a NUL character", CLAIM, WORKED_EXAMPLE.replace("440703199001011234", "4407031990\\u00001234"), "insured.personId"),
                arguments("a claim id with a line break", CLAIM, WORKED_EXAMPLE.replace("\"worked-example\"", "\"worked\\nexample\""), "claimId"),
                arguments("unknown care type", CLAIM, WORKED_EXAMPLE.replace("\"INPATIENT\"", "\"DAY_CARE\""), "treatment.careType"),
                arguments("unknown filing type", CLAIM, WORKED_EXAMPLE.replace("\"LONG_TERM_RESIDENCE\"", "\"HOLIDAY\""), "filing.type"),
                arguments("unknown settlement", CLAIM, WORKED_EXAMPLE.replace("\"DIRECT\"", "\"CASH\""), "settlement"),
                arguments("missing insured", CLAIM, WORKED_EXAMPLE.replaceFirst("\"insured\"", "\"someoneElse\""), "insured"),
                arguments("missing admission date", CLAIM, WORKED_EXAMPLE.replace("\"admissionDate\"", "\"admitted\""), "treatment.admissionDate"),
                arguments("missing expenses", CLAIM, WORKED_EXAMPLE.replace("\"expenses\"", "\"costs\""), "expenses"),
                arguments("missing total", CLAIM, WORKED_EXAMPLE.replace("\"total\": 23000.00,", ""), "expenses.total"),
                arguments("a date that is not a date", CLAIM, WORKED_EXAMPLE.replace("2026-03-12\"\n", "2026-02-30\"\n"), "treatment.dischargeDate"),
                arguments("a date in another format", CLAIM, WORKED_EXAMPLE.replace("\"2026-03-02\",", "\"02/03/2026\","), "treatment.admissionDate"),
                arguments("a date beyond any calendar", CLAIM, WORKED_EXAMPLE.replace("\"2026-01-05\"", "\"+999999999-12-31\""), "filing.filedDate"),
                arguments("discharge before admission", CLAIM, WORKED_EXAMPLE.replace("\"dischargeDate\": \"2026-03-12\"", "\"dischargeDate\": \"2026-03-01\""), "treatment.dischargeDate"),
                arguments("negative total", CLAIM, WORKED_EXAMPLE.replace("\"total\": 23000.00", "\"total\": -1"), "expenses.total"),
                arguments("negative self-pay", CLAIM, WORKED_EXAMPLE.replace("\"selfPay\": 3000.00", "\"selfPay\": -0.01"), "expenses.selfPay"),
                arguments("negative prior payments", CLAIM, WORKED_EXAMPLE.replace("\"priorPaidThisYear\": 0.00", "\"priorPaidThisYear\": -5"), "priorPaidThisYear"),
                arguments("an amount of fractions of a fen", CLAIM, WORKED_EXAMPLE.replace("23000.00", "23000.001"), "expenses.total"),
                arguments("an astronomically large amount", CLAIM, WORKED_EXAMPLE.replace("23000.00", "1e400"), "expenses.total"),
                arguments("money as text", CLAIM, WORKED_EXAMPLE.replace("23000.00", "\"lots\""), "expenses.total"),
                arguments("a region code of 5 digits", CLAIM, WORKED_EXAMPLE.replace("\"440700\"", "\"44070\""), "insured.region"),
                arguments("a region code with letters", CLAIM, WORKED_EXAMPLE.replace("\"110105\"", "\"11010X\""), "treatment.region"),
                arguments("domestic care without a region", CLAIM, WORKED_EXAMPLE.replace("\"region\": \"110105\",", ""), "treatment.region"),
                arguments("a hospital without a level", CLAIM, WORKED_EXAMPLE.replace(", \"level\": 3", ""), "treatment.provider.level"),
                arguments("a hospital level of 4", CLAIM, WORKED_EXAMPLE.replace("\"level\": 3", "\"level\": 4"), "treatment.provider.level"),
                arguments("a hospital level of 2.5", CLAIM, WORKED_EXAMPLE.replace("\"level\": 3", "\"level\": 2.5"), "treatment.provider.level"),
                arguments("emergency as a word", CLAIM, WORKED_EXAMPLE.replace("\"emergency\": false", "\"emergency\": \"maybe\""), "treatment.emergency"),
                arguments("a referral with no date at all", CLAIM, WORKED_EXAMPLE
                        .replace("\"LONG_TERM_RESIDENCE\"", "\"REFERRAL\"").replace("\"transferDate\": \"2026-03-02\",", "")
                        .replace("\"admissionDate\": \"2026-03-02\",", ""), "filing.referral.transferDate"),
                arguments("a claim paid back at home without a submission date", CLAIM, WORKED_EXAMPLE
                        .replace("\"DIRECT\"", "\"REIMBURSEMENT\"").replace("\"submittedDate\": \"2026-03-12\",", ""), "submittedDate"),
                arguments("a person id longer than any id", CLAIM, WORKED_EXAMPLE.replace("440703199001011234", "4".repeat(65)), "insured.personId"),
                arguments("unknown filing action", FILING, POSTED_WORKER_FILING.replace("\"APPLY\"", "\"RENEW\""), "action"),
                arguments("a filing application without the insured", FILING, POSTED_WORKER_FILING.replaceFirst("\"insured\"", "\"nobody\""), "insured"),
                arguments("a filing without a filed date", FILING, POSTED_WORKER_FILING.replace("\"filedDate\"", "\"filed\""), "filing.filedDate"),
                arguments("a cancellation without a request date", FILING, POSTED_WORKER_FILING
                        .replace("\"APPLY\"", "\"CANCEL\"").replace(",\n  \"requestDate\": \"2026-02-01\"", ""), "requestDate"));
    }

    @ParameterizedTest(name = "{0} → 400 naming {3}")
    @MethodSource("badRequests")
    void shouldRejectBadInputNamingTheFieldAndRecordNothing(String description, String path, String body, String field) {
        long recordedBefore = recordedDecisions();

        given().contentType("application/json").body(body)
                .when().post(path)
                .then().statusCode(400)
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", not(emptyOrNullString()))
                .body("errors.find { it.field == '" + field + "' }.messageZh", not(emptyOrNullString()));

        assertEquals(recordedBefore, recordedDecisions(), "a rejected request must not be recorded");
    }

    static long recordedDecisions() {
        return given().when().get("/api/v1/decisions?size=1").then().statusCode(200).extract().jsonPath().getLong("total");
    }
}
