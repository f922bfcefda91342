package cn.yibao.crossregion.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each kind of difference between a decision and a scenario's expectation is caught, and named. */
class ExpectationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DECISION = """
            { "outcome": "APPROVED", "area": "CROSS_PROVINCE", "validFrom": null,
              "reasons": [ { "code": "EXCL_SELF_PAY" }, { "code": "PAY_DIRECT_SETTLEMENT" } ],
              "amounts": { "covered": 22000.00, "deductible": 1000.00, "ratio": 0.80, "payable": 17600.00, "annualCap": null },
              "firedRules": [ { "engine": "DRL", "name": "exclusion: the self-paid share is never paid" },
                              { "engine": "DMN", "model": "payout", "decision": "Base policy", "rows": [5] } ] }
            """;

    private static List<String> mismatches(String expect) throws Exception {
        return Expectations.mismatches(JSON.readTree(expect), JSON.readTree(DECISION));
    }

    @Test
    void shouldFindNothingWhenEverythingExpectedIsThere() throws Exception {
        assertEquals(List.of(), mismatches("""
                { "outcome": "APPROVED", "area": "CROSS_PROVINCE", "validFrom": null,
                  "reasons": ["PAY_DIRECT_SETTLEMENT", "EXCL_SELF_PAY"],
                  "amounts": { "payable": 17600, "ratio": 0.8, "annualCap": null },
                  "rules": ["exclusion: the self-paid share is never paid", "payout/Base policy/5"] }
                """));
    }

    @Test
    void shouldCatchAnotherOutcome() throws Exception {
        assertEquals(List.of("outcome: expected REJECTED, was APPROVED"), mismatches("{ \"outcome\": \"REJECTED\" }"));
    }

    @Test
    void shouldCatchAMissingAnExtraAndAnotherReason() throws Exception {
        assertEquals(List.of("reasons: expected [PAY_DIRECT_SETTLEMENT], was [EXCL_SELF_PAY, PAY_DIRECT_SETTLEMENT]"),
                mismatches("{ \"reasons\": [\"PAY_DIRECT_SETTLEMENT\"] }"));
        assertEquals(List.of("reasons: expected [EXCL_ABROAD, EXCL_SELF_PAY, PAY_DIRECT_SETTLEMENT], was [EXCL_SELF_PAY, PAY_DIRECT_SETTLEMENT]"),
                mismatches("{ \"reasons\": [\"EXCL_SELF_PAY\", \"PAY_DIRECT_SETTLEMENT\", \"EXCL_ABROAD\"] }"));
    }

    @Test
    void shouldCatchAReasonGivenTwice() throws Exception {
        JsonNode twice = JSON.readTree("{ \"reasons\": [ { \"code\": \"PAY_DIRECT_SETTLEMENT\" }, { \"code\": \"PAY_DIRECT_SETTLEMENT\" } ] }");
        assertEquals(List.of("reasons: expected [PAY_DIRECT_SETTLEMENT], was [PAY_DIRECT_SETTLEMENT, PAY_DIRECT_SETTLEMENT]"),
                Expectations.mismatches(JSON.readTree("{ \"reasons\": [\"PAY_DIRECT_SETTLEMENT\"] }"), twice));
    }

    @Test
    void shouldCatchAnotherAreaAndDates() throws Exception {
        assertEquals(List.of("area: expected SAME_PROVINCE, was CROSS_PROVINCE", "validFrom: expected 2026-02-01, was null"),
                mismatches("{ \"area\": \"SAME_PROVINCE\", \"validFrom\": \"2026-02-01\" }"));
    }

    @Test
    void shouldCatchAnAmountThatDiffersIsMissingOrIsThereUnexpected() throws Exception {
        assertEquals(List.of("amounts.payable: expected 17600.01, was 17600.0"), mismatches("{ \"amounts\": { \"payable\": 17600.01 } }"));
        assertEquals(List.of("amounts.annualCap: expected 4500, was null"), mismatches("{ \"amounts\": { \"annualCap\": 4500 } }"));
        assertEquals(List.of("amounts.ratio: expected null, was 0.8"), mismatches("{ \"amounts\": { \"ratio\": null } }"));
        assertEquals(List.of("amounts.selfPay: expected 0, was null"), mismatches("{ \"amounts\": { \"selfPay\": 0 } }"));
    }

    @Test
    void shouldCatchARuleThatDidNotFire() throws Exception {
        assertEquals(List.of("rule payout/Base policy/4 did not fire", "rule exclusion: abroad did not fire"),
                mismatches("{ \"rules\": [\"payout/Base policy/4\", \"exclusion: abroad\"] }"));
    }
}
