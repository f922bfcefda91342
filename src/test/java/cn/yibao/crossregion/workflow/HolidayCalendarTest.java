package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.TestUsers;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A holiday listed in calendar.yaml moves the emergency report window (5 working days after
 * the end of treatment) by a day. The shipped calendar lists none (POLICY.md §1), so the holiday
 * comes in a draft, with scenarios on each side of the moved last day; the shipped case "reported
 * on the sixth working day" is then in time, and must fail.
 */
@QuarkusTest
class HolidayCalendarTest extends TestUsers {

    private static final String SIXTH_WORKING_DAY_CASE = "an unfiled emergency reported on the sixth working day is not paid";
    private static final String HOLIDAY_CASES = """
            # Treatment ends Friday 2026-03-13; Wednesday 2026-03-18 is a holiday in this draft's calendar.
            decision: claim
            cases:
              - name: with a holiday in the week, a report on the Monday after is the fifth working day and in time
                source: seed 002 第五篇 (治疗后5个工作日内…申报); calendar.yaml holidays
                request:
                  treatment: { emergency: true, admissionDate: 2026-03-02, dischargeDate: 2026-03-13 }
                  filing: null
                  settlement: REIMBURSEMENT
                  emergencyReportDate: 2026-03-23
                  submittedDate: 2026-03-23
                expect: { outcome: APPROVED, reasons: [ELIG_EMERGENCY_EXEMPTION, PAY_HOME_REIMBURSEMENT] }
              - name: with a holiday in the week, a report on the Tuesday after is the sixth working day and late
                source: seed 002 第五篇 (治疗后5个工作日内…申报); calendar.yaml holidays
                request:
                  treatment: { emergency: true, admissionDate: 2026-03-02, dischargeDate: 2026-03-13 }
                  filing: null
                  settlement: REIMBURSEMENT
                  emergencyReportDate: 2026-03-24
                  submittedDate: 2026-03-24
                expect: { outcome: REJECTED, reasons: [ELIG_EMERGENCY_REPORT_LATE] }
            """;

    @Test
    void shouldMoveTheEmergencyReportWindowPastAHolidayListedInTheCalendar() throws Exception {
        String calendar = Files.readString(Path.of("rules-drl/calendar.yaml")).replace("holidays: []", "holidays: [2026-03-18]");
        JsonPath draft = given().contentType("application/json")
                .body(Map.of("files", Map.of("rules-drl/calendar.yaml", calendar, "rules-tests/holiday.yaml", HOLIDAY_CASES)))
                .post("/api/v1/rulesets/drafts").then().statusCode(201).extract().jsonPath();

        assertEquals(true, passed(draft, "with a holiday in the week, a report on the Monday after is the fifth working day and in time"));
        assertEquals(true, passed(draft, "with a holiday in the week, a report on the Tuesday after is the sixth working day and late"));
        assertEquals(false, passed(draft, SIXTH_WORKING_DAY_CASE), "the holiday made the shipped sixth day the fifth");
        assertEquals(1, draft.getInt("tests.failed"), "nothing else depends on that week's working days");
    }

    private static Boolean passed(JsonPath draft, String name) {
        return draft.getBoolean("tests.cases.find { it.name == '" + name + "' }.passed");
    }
}
