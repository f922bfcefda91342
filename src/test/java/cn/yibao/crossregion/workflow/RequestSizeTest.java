package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import cn.yibao.crossregion.rules.GeneratedPayoutTables;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** A decision is held to api.max-request-size; a ruleset draft may carry a country-sized decision table. */
@QuarkusTest
class RequestSizeTest extends TestUsers {

    private static final int DECISION_LIMIT = 256 * 1024;

    /** The worked example, padded with spaces to exactly the given number of bytes (still the same JSON). */
    private static byte[] workedExampleOf(int bytes) {
        byte[] example = Requests.WORKED_EXAMPLE.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[bytes];
        java.util.Arrays.fill(padded, (byte) ' ');
        System.arraycopy(example, 0, padded, 0, example.length);
        return padded;
    }

    @Test
    void shouldDecideAClaimOfExactlyTheLimit() {
        given().contentType("application/json").body(workedExampleOf(DECISION_LIMIT))
                .when().post("/api/v1/decisions/claim")
                .then().statusCode(200).body("amounts.payable", equalTo(15200.00f));
    }

    @Test
    void shouldRefuseAClaimOneByteOverTheLimitNamingTheBody() {
        given().contentType("application/json").body(workedExampleOf(DECISION_LIMIT + 1))
                .when().post("/api/v1/decisions/claim")
                .then().statusCode(413)
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].messageZh", startsWith("请求体超过"));
    }

    @Test
    void shouldTakeADraftWithAMegabyteTableAndSayItWasNotAnalysed() throws Exception {
        String shipped = Files.readString(Path.of("rules-dmn/payout.dmn"));
        // The generated rows go after the shipped ones, which the scenarios name by number.
        List<String> rows = new ArrayList<>(GeneratedPayoutTables.shippedRows(shipped));
        rows.addAll(GeneratedPayoutTables.regionRows(GeneratedPayoutTables.regionsFor(2_400), 2_400));
        String large = GeneratedPayoutTables.withBaseRows(shipped, rows);

        given().contentType("application/json").body(Map.of("files", Map.of("rules-dmn/payout.dmn", large)))
                .when().post("/api/v1/rulesets/drafts")
                .then().statusCode(201)
                .body("tests.failed", equalTo(0))
                .body("tests.passed", greaterThan(0))
                .body("warnings.message", hasItem(startsWith("NOT_ANALYSED")));
    }
}
