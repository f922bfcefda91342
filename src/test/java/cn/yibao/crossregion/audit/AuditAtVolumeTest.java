package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.OwnDatabase;
import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 17: paging by cursor, the capped total, and the stats, on a trail of this class's own (the total capped at 5). */
@QuarkusTest
@TestProfile(AuditAtVolumeTest.SmallTotalCap.class)
class AuditAtVolumeTest extends TestUsers {

    public static class SmallTotalCap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(OwnDatabase.named("audit-volume"));
            config.put("audit.search.total-cap", "5");
            return config;
        }
    }

    private static final ZoneId OFFICE = ZoneId.of("Asia/Shanghai");

    @Inject
    EntityManager entityManager;

    private static String claim(String claimId) {
        return given().contentType("application/json")
                .body(Requests.WORKED_EXAMPLE.replace("\"worked-example\"", "\"" + claimId + "\""))
                .when().post("/api/v1/decisions/claim").then().statusCode(200).extract().path("decisionId");
    }

    private static String filing() {
        return given().contentType("application/json").body(Requests.POSTED_WORKER_FILING)
                .when().post("/api/v1/decisions/filing").then().statusCode(200).extract().path("decisionId");
    }

    /** Seven decisions of one claim id made to share one instant (as a busy second may), paged two at a time through each index. */
    @Test
    void shouldPageByCursorWithoutDuplicatesOrGapsWhenDecisionsShareATime() {
        String claimId = "cursor-" + UUID.randomUUID();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            made.add(claim(claimId));
        }
        Instant tie = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("update decision_record set evaluated_at = ?1 where claim_id = ?2")
                .setParameter(1, tie).setParameter(2, claimId).executeUpdate());
        List<String> newestFirst = made.stream().sorted((a, b) -> b.compareTo(a)).toList();

        assertEquals(newestFirst, walk(Map.of("claimId", claimId)), "by claim id");
        Map<String, Object> window = Map.of("from", tie.toString(), "to", tie.plusMillis(1).toString());
        assertEquals(newestFirst, walk(window), "by time");
        Map<String, Object> traced = new HashMap<>(window);
        traced.put("reasonCode", "EXCL_SELF_PAY");
        traced.put("outcome", "APPROVED");
        assertEquals(newestFirst, walk(traced), "by reason and outcome");
    }

    /** The export streams one query by keyset, not the search's pages: for each filter it holds the same records in the same order. */
    @Test
    void shouldExportExactlyTheRecordsOfThePagedSearchInItsOrder() {
        String claimId = "export-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            claim(claimId);
        }
        Instant tie = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "update decision_record set evaluated_at = ?1 where id in (select id from decision_record where claim_id = ?2 order by id limit 3)")
                .setParameter(1, tie).setParameter(2, claimId).executeUpdate());
        Map<String, Object> window = Map.of("from", tie.toString(), "to", Instant.now().plusSeconds(60).toString());
        Map<String, Object> traced = new HashMap<>(window);
        traced.put("reasonCode", "EXCL_SELF_PAY");
        traced.put("outcome", "APPROVED");
        for (Map<String, Object> filter : List.of(Map.<String, Object>of("claimId", claimId), window, traced,
                Map.<String, Object>of("type", "CLAIM", "from", window.get("from")), Map.<String, Object>of("insuredRegion", "440700", "from", window.get("from")))) {
            List<String> paged = walk(filter);
            List<String> jsonl = given().queryParams(filter).queryParam("format", "jsonl").get("/api/v1/decisions/export")
                    .then().statusCode(200).extract().asString().lines().map(line -> JsonPath.from(line).getString("decisionId")).toList();
            assertEquals(paged, jsonl, "JSON lines, " + filter);
            List<String> csv = given().queryParams(filter).queryParam("format", "csv").get("/api/v1/decisions/export")
                    .then().statusCode(200).extract().asString().lines().skip(1).map(line -> line.substring(1, line.indexOf('"', 1))).toList();
            assertEquals(paged, csv, "CSV, " + filter);
        }
    }

    /** Every page of two, following next until a page has none; the ids in order. */
    private static List<String> walk(Map<String, Object> filter) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            var request = given().queryParams(filter).queryParam("size", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath body = request.when().get("/api/v1/decisions").then().statusCode(200).extract().jsonPath();
            ids.addAll(body.getList("items.decisionId"));
            cursor = body.getString("next");
            if (cursor == null) {
                assertEquals(new HashSet<>(ids).size(), ids.size(), "no decision twice");
                return ids;
            }
        }
        throw new AssertionError("more pages than decisions");
    }

    @Test
    void shouldCountExactlyUpToTheCapAndSayWhenTheTotalIsALowerBound() {
        String many = "cap-" + UUID.randomUUID();
        for (int i = 0; i < 6; i++) {
            claim(many);
        }
        String few = "cap-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            claim(few);
        }
        given().queryParam("claimId", many).queryParam("size", 2).when().get("/api/v1/decisions")
                .then().statusCode(200).body("total", equalTo(5)).body("totalIsLowerBound", equalTo(true));
        given().queryParam("claimId", few).when().get("/api/v1/decisions")
                .then().statusCode(200).body("total", equalTo(3)).body("totalIsLowerBound", nullValue())
                .body("next", nullValue());
        given().queryParam("claimId", few).queryParam("reasonCode", "EXCL_ABROAD").when().get("/api/v1/decisions")
                .then().statusCode(200).body("total", equalTo(0)).body("items.size()", equalTo(0));
    }

    @Test
    void shouldSumDecisionsAndPayableByOutcomeReasonRegionDayAndVersion() {
        String today = LocalDate.now(OFFICE).toString();
        Map<String, Group> outcomesBefore = groups("outcome", "CLAIM");
        Map<String, Group> reasonsBefore = groups("reasonCode", null);
        Map<String, Group> daysBefore = groups("day", null);
        Map<String, Group> regionsBefore = groups("treatmentRegion", "CLAIM");
        for (int i = 0; i < 3; i++) {
            claim("stats-" + UUID.randomUUID());
        }
        filing();

        Group approved = groups("outcome", "CLAIM").get("APPROVED");
        assertEquals(before(outcomesBefore, "APPROVED").count + 3, approved.count);
        assertEquals(before(outcomesBefore, "APPROVED").payable.add(new BigDecimal("45600.00")), approved.payable, "3 × 15200.00");
        Group selfPay = groups("reasonCode", null).get("EXCL_SELF_PAY");
        assertEquals(before(reasonsBefore, "EXCL_SELF_PAY").count + 3, selfPay.count);
        assertEquals(before(daysBefore, today).count + 4, groups("day", null).get(today).count, "the filing counts, as a decision");
        assertEquals(before(regionsBefore, "110105").payable.add(new BigDecimal("45600.00")), groups("treatmentRegion", "CLAIM").get("110105").payable);
        given().queryParam("groupBy", "outcome").queryParam("type", "FILING").queryParam("from", today).queryParam("to", today)
                .when().get("/api/v1/decisions/stats").then().statusCode(200)
                .body("groups.find { it.key == 'ACCEPTED' }.payable", equalTo(0.0f));
        String version = given().get("/api/v1/rulesets").then().extract().path("find { it.active }.version");
        given().queryParam("groupBy", "rulesetVersion").when().get("/api/v1/decisions/stats").then().statusCode(200)
                .body("groups.key", contains(version));
        given().queryParam("rulesetVersion", version).queryParam("type", "FILING").when().get("/api/v1/decisions")
                .then().statusCode(200).body("items.type", contains("FILING"));
    }

    /** Decisions per day by outcome (the auditor page's first chart): day,outcome keys each day's outcomes apart. */
    @Test
    void shouldSumDecisionsPerDayAndOutcome() {
        String today = LocalDate.now(OFFICE).toString();
        Map<String, Group> before = groups("day,outcome", "CLAIM");
        for (int i = 0; i < 2; i++) {
            claim("per-day-" + UUID.randomUUID());
        }
        given().contentType("application/json")
                .body(Requests.WORKED_EXAMPLE.replace("\"worked-example\"", "\"per-day-abroad\"").replace("\"DOMESTIC\"", "\"ABROAD\""))
                .when().post("/api/v1/decisions/claim").then().statusCode(200).body("outcome", equalTo("REJECTED"));
        filing();

        Map<String, Group> after = groups("day,outcome", "CLAIM");
        assertEquals(before(before, today + "/APPROVED").count + 2, after.get(today + "/APPROVED").count);
        assertEquals(before(before, today + "/APPROVED").payable.add(new BigDecimal("30400.00")), after.get(today + "/APPROVED").payable);
        assertEquals(before(before, today + "/REJECTED").count + 1, after.get(today + "/REJECTED").count);
        assertNull(after.get(today + "/ACCEPTED"), "the filing is not a claim");
        // Each day's outcomes add up to the day's decisions, and the keys come in order of day, then outcome.
        Map<String, Group> days = groups("day", "CLAIM");
        days.forEach((day, group) -> assertEquals(group.count, after.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(day + "/")).mapToLong(entry -> entry.getValue().count).sum(), day));
        List<String> keys = given().queryParam("groupBy", "day,outcome").when().get("/api/v1/decisions/stats")
                .then().statusCode(200).body("groupBy", equalTo("day,outcome")).extract().path("groups.key");
        assertEquals(keys.stream().sorted().toList(), keys);
        assertTrue(keys.contains(today + "/ACCEPTED"), "without a type, the filing's outcome too");
        given().queryParam("groupBy", "day,treatmentRegion").queryParam("from", today).queryParam("to", today).queryParam("type", "CLAIM")
                .when().get("/api/v1/decisions/stats").then().statusCode(200).body("groups.key", org.hamcrest.Matchers.hasItem(today + "/110105"))
                .body("from", equalTo(today)).body("to", equalTo(today));
        // Instants as bounds: the answer names the whole days it counted, in the service's zone, for a page to lay out its days.
        Instant now = Instant.now();
        given().queryParam("groupBy", "day,outcome").queryParam("from", now.minus(29, ChronoUnit.DAYS).toString()).queryParam("to", now.toString())
                .when().get("/api/v1/decisions/stats").then().statusCode(200)
                .body("from", equalTo(LocalDate.ofInstant(now.minus(29, ChronoUnit.DAYS), OFFICE).toString()))
                .body("to", equalTo(LocalDate.ofInstant(now.minusNanos(1), OFFICE).toString()));
        given().queryParam("groupBy", "outcome").when().get("/api/v1/decisions/stats").then().statusCode(200)
                .body("from", nullValue()).body("to", nullValue());
    }

    @Test
    void shouldRefuseBadParametersNamingTheField() {
        given().queryParam("groupBy", "week").when().get("/api/v1/decisions/stats")
                .then().statusCode(400).body("errors.field", contains("groupBy")).body("errors[0].messageZh", org.hamcrest.Matchers.notNullValue());
        for (String bad : List.of("day,day", "day,week", "outcome,day", "day,")) {
            given().queryParam("groupBy", bad).when().get("/api/v1/decisions/stats")
                    .then().statusCode(400).body("errors.field", contains("groupBy"));
        }
        given().queryParam("from", "2026-03-02").queryParam("to", "2026-03-01").when().get("/api/v1/decisions/stats")
                .then().statusCode(400).body("errors.field", contains("from"));
        given().queryParam("type", "LOAN").when().get("/api/v1/decisions/stats").then().statusCode(400).body("errors.field", contains("type"));
        given().queryParam("to", "yesterday").when().get("/api/v1/decisions/stats").then().statusCode(400).body("errors.field", contains("to"));
        given().queryParam("cursor", "not-a-cursor").when().get("/api/v1/decisions").then().statusCode(400).body("errors.field", contains("cursor"));
    }

    private record Group(long count, BigDecimal payable) {
    }

    private static Group before(Map<String, Group> groups, String key) {
        return groups.getOrDefault(key, new Group(0, BigDecimal.ZERO.setScale(2)));
    }

    private static Map<String, Group> groups(String groupBy, String type) {
        var request = given().queryParam("groupBy", groupBy);
        if (type != null) {
            request.queryParam("type", type);
        }
        JsonPath body = request.when().get("/api/v1/decisions/stats").then().statusCode(200).extract().jsonPath();
        Map<String, Group> groups = new HashMap<>();
        List<Map<String, Object>> list = body.getList("groups");
        for (int i = 0; i < list.size(); i++) {
            groups.put(body.getString("groups[" + i + "].key"),
                    new Group(body.getLong("groups[" + i + "].count"), new BigDecimal(body.getString("groups[" + i + "].payable")).setScale(2)));
        }
        assertTrue(groups.values().stream().allMatch(group -> group.count > 0));
        assertNull(body.get("error"));
        return groups;
    }
}
