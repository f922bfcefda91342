package cn.yibao.crossregion.web;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The auditors' page in headless Chromium: the overview's charts; search, open a decision, read it, verify the trail. */
@QuarkusTest
class AuditPageTest extends TestUsers {

    @TestHTTPResource("/")
    URL root;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Browser.signedIn(root, "auditor", "auditor-password");
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shouldSearchOpenAndExplainADecisionAndVerifyTheTrail() throws Exception {
        String claimId = "page-" + UUID.randomUUID();
        String decisionId = given().contentType("application/json")
                .body(Requests.WORKED_EXAMPLE.replace("\"worked-example\"", "\"" + claimId + "\""))
                .post("/api/v1/decisions/claim").then().statusCode(200).extract().path("decisionId");

        browser.get(root.toString());
        wait.until(ExpectedConditions.titleContains("异地就医"));
        browser.findElement(By.cssSelector("nav .tab[data-tab='decisions']")).click();
        browser.findElement(By.id("filter-claimId")).sendKeys(claimId);
        browser.findElement(By.id("search")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#results tbody tr"), 1));
        WebElement row = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#results tbody tr[data-id='" + decisionId + "']")));
        assertTrue(row.getText().contains("APPROVED"), row.getText());
        assertTrue(row.getText().contains("440703********1234"), row.getText());

        row.click();
        WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail-summary")));
        assertTrue(summary.getText().contains("15200.00"), summary.getText());
        assertTrue(summary.getText().contains("报销申请已核准"), summary.getText());
        List<String> codes = browser.findElements(By.cssSelector("#detail-reasons .reason")).stream()
                .map(reason -> reason.getAttribute("data-code")).toList();
        assertEquals(List.of("EXCL_SELF_PAY", "PAY_DIRECT_SETTLEMENT"), codes);
        Browser.screenshot(browser, "audit-page-decision");
        String fired = browser.findElement(By.id("detail-fired")).getText();
        assertTrue(fired.contains("exclusion: the self-paid share is never paid"), fired);
        WebElement matched = browser.findElement(By.cssSelector("table.dmn-table[data-decision='Base policy'] tr.matched"));
        assertEquals("5", matched.getAttribute("data-row"));
        assertTrue(browser.findElement(By.id("detail-payout")).getText().contains("15200.00"));
        // Which policy decided: the admission day, and the timeline entry in force on it.
        assertEquals("2026-03-02", browser.findElement(By.id("detail-policy-date")).getText());
        String entry = browser.findElement(By.id("detail-timeline-entry")).getText();
        assertTrue(entry.matches("\\d{4}-\\d{2}-\\d{2} / sha256:[0-9a-f]{64}"), entry);
        assertTrue(Files.size(Browser.screenshot(browser, "audit-page-decision")) > 10_000);

        browser.findElement(By.cssSelector("nav .tab[data-tab='verify']")).click();
        browser.findElement(By.id("verify-button")).click();
        WebElement verified = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#verify-ok, #verify-broken")));
        assertEquals("verify-ok", verified.getAttribute("id"), verified.getText());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-last"), "Last check"));
        Browser.screenshot(browser, "audit-page-verify");

        browser.findElement(By.cssSelector("nav .tab[data-tab='rulesets']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rulesets"), "ACTIVE"));
    }

    /**
     * Issue 17 item 3: the page opens on four charts of the last 30 days, drawn by Chart.js from
     * GET /api/v1/decisions/stats; what each chart holds (read back through Chart.js) is what the
     * stats say for the period the page names. A period without decisions says so, and draws nothing.
     */
    @Test
    void shouldOpenOnChartsOfTheLast30DaysDrawnFromTheStats() throws Exception {
        String today = LocalDate.now(OFFICE).toString();
        for (int i = 0; i < 3; i++) {
            claim(Requests.WORKED_EXAMPLE.replace("\"worked-example\"", "\"charts-" + UUID.randomUUID() + "\""));
        }
        claim(Requests.WORKED_EXAMPLE.replace("\"worked-example\"", "\"charts-abroad\"").replace("\"DOMESTIC\"", "\"ABROAD\""));
        given().contentType("application/json").body(Requests.POSTED_WORKER_FILING).post("/api/v1/decisions/filing").then().statusCode(200);

        browser.get(root.toString());
        assertTrue(browser.findElement(By.id("tab-overview")).isDisplayed(), "the page opens on the overview");
        assertFalse(browser.findElement(By.id("tab-decisions")).isDisplayed());
        awaitCharts("drawn");
        String from = browser.findElement(By.id("charts-from")).getAttribute("value");
        assertEquals(today, browser.findElement(By.id("charts-to")).getAttribute("value"), "the period ends today, in the service's time zone");
        assertEquals(LocalDate.parse(today).minusDays(29).toString(), from, "the last 30 days");
        Map<String, Object> period = Map.of("from", from, "to", today);

        // Decisions per day, stacked by outcome: a bar per day of the period, each outcome's count as the stats have it.
        ChartData outcomes = chart("chart-outcomes");
        assertEquals(30, outcomes.labels.size());
        assertEquals(from, outcomes.labels.get(0));
        assertEquals(today, outcomes.labels.get(29));
        assertEquals("bar", outcomes.type);
        List<Map<String, Object>> perDayAndOutcome = stats("day,outcome", period);
        assertFalse(perDayAndOutcome.isEmpty());
        for (Map<String, Object> group : perDayAndOutcome) {
            String[] key = ((String) group.get("key")).split("/", 2);
            assertEquals(((Number) group.get("count")).longValue(), outcomes.value(key[1], outcomes.labels.indexOf(key[0])), group.toString());
        }
        assertEquals(sum(perDayAndOutcome, "count"), outcomes.total(), "nothing drawn that the stats do not count");
        assertTrue(outcomes.value("APPROVED", 29) >= 3, "today's three approvals");
        assertTrue(outcomes.value("REJECTED", 29) >= 1, "today's rejection");
        assertTrue(outcomes.value("ACCEPTED", 29) >= 1, "today's filing");
        assertEquals(String.valueOf(sum(perDayAndOutcome, "count")), browser.findElement(By.id("charts-total")).getText());

        // Top reasons: the ten most counted reason codes of the period, most first.
        ChartData reasons = chart("chart-reasons");
        List<Map<String, Object>> reasonGroups = new ArrayList<>(stats("reasonCode", period));
        reasonGroups.sort(Comparator.comparingLong((Map<String, Object> g) -> -((Number) g.get("count")).longValue())
                .thenComparing(g -> (String) g.get("key")));
        List<Map<String, Object>> top = reasonGroups.subList(0, Math.min(10, reasonGroups.size()));
        assertEquals(top.stream().map(g -> g.get("key")).toList(), reasons.labels);
        assertEquals(top.stream().map(g -> ((Number) g.get("count")).longValue()).toList(), reasons.values(0));
        assertTrue(reasons.labels.contains("EXCL_SELF_PAY"), reasons.labels.toString());

        // Payable per day: each day's sum of what was payable, 0 for a day without claims.
        ChartData payable = chart("chart-payable");
        assertEquals(outcomes.labels, payable.labels);
        Map<String, BigDecimal> payableByDay = new HashMap<>();
        stats("day", period).forEach(g -> payableByDay.put((String) g.get("key"), new BigDecimal(g.get("payable").toString()).setScale(2)));
        for (int i = 0; i < payable.labels.size(); i++) {
            assertEquals(payableByDay.getOrDefault(payable.labels.get(i), BigDecimal.ZERO.setScale(2)), payable.money(0, i), payable.labels.get(i));
        }
        assertTrue(payable.money(0, 29).compareTo(new BigDecimal("45600.00")) >= 0, "today's 3 × 15200.00");

        // By region: decisions and payable per treatment region, then per insured region.
        assertRegions(stats("treatmentRegion", period), chart("chart-regions"), "110105");
        Browser.screenshot(browser, "audit-page-charts");
        new Select(browser.findElement(By.id("charts-region-by"))).selectByValue("insuredRegion");
        assertRegions(stats("insuredRegion", period), chart("chart-regions"), "440700");

        // A bar leads to its decisions: today's rejections, searched on the Decisions tab.
        ((JavascriptExecutor) browser).executeScript(
                "const chart = window.auditCharts['chart-outcomes'];"
                        + "const bar = chart.getDatasetMeta(chart.data.datasets.findIndex(d => d.key === 'REJECTED')).data[29];"
                        + "const box = chart.canvas.getBoundingClientRect();"
                        + "chart.canvas.dispatchEvent(new MouseEvent('click', {clientX: box.left + bar.x, clientY: box.top + (bar.y + bar.base) / 2, bubbles: true}));");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tab-decisions")));
        assertEquals("REJECTED", browser.findElement(By.cssSelector("#filters select[name='outcome']")).getAttribute("value"));
        assertEquals(today, browser.findElement(By.cssSelector("#filters input[name='from']")).getAttribute("value"));
        assertEquals(today, browser.findElement(By.cssSelector("#filters input[name='to']")).getAttribute("value"));
        wait.until(page -> {
            List<String> shown = page.findElements(By.cssSelector("#results tbody tr td:nth-child(4)")).stream().map(WebElement::getText).toList();
            return !shown.isEmpty() && shown.stream().allMatch("REJECTED"::equals);
        });
        browser.findElement(By.cssSelector("nav .tab[data-tab='overview']")).click();

        // Claims only: the filing's outcome is gone from the stack.
        new Select(browser.findElement(By.id("charts-type"))).selectByVisibleText("CLAIM");
        browser.findElement(By.id("charts-show")).click();
        awaitCharts("drawn");
        assertEquals(List.of("APPROVED", "REJECTED"), chart("chart-outcomes").keys());

        // A period without decisions: said in words, no chart left drawn, no error.
        ((JavascriptExecutor) browser).executeScript(
                "document.getElementById('charts-from').value = '2020-01-01'; document.getElementById('charts-to').value = '2020-01-31';");
        browser.findElement(By.id("charts-show")).click();
        awaitCharts("empty");
        String status = browser.findElement(By.id("charts-status")).getText();
        assertTrue(status.contains("No decisions from 2020-01-01 to 2020-01-31"), status);
        assertEquals(0L, ((Number) ((JavascriptExecutor) browser).executeScript("return Object.keys(window.auditCharts).length")).longValue());
        assertFalse(browser.findElement(By.id("chart-outcomes")).isDisplayed());
        Browser.screenshot(browser, "audit-page-charts-empty");

        browser.findElement(By.id("charts-last-30")).click();
        awaitCharts("drawn");
        assertEquals(today, browser.findElement(By.id("charts-to")).getAttribute("value"));
        assertEquals(List.of(), Browser.javascriptErrors(browser));
    }

    /** A bar per region, most decisions first, with its decisions and its payable as the stats have them. */
    private static void assertRegions(List<Map<String, Object>> groups, ChartData regions, String expected) {
        List<Map<String, Object>> sorted = new ArrayList<>(groups);
        sorted.sort(Comparator.comparingLong((Map<String, Object> g) -> -((Number) g.get("count")).longValue())
                .thenComparing(g -> (String) g.get("key")));
        assertTrue(sorted.size() <= 20, "no bar of others in this test");
        assertEquals(sorted.stream().map(g -> "-".equals(g.get("key")) ? "无 None" : g.get("key")).toList(), regions.labels);
        assertEquals(List.of("count", "payable"), regions.keys());
        assertEquals(sorted.stream().map(g -> ((Number) g.get("count")).longValue()).toList(), regions.values(0));
        for (int i = 0; i < sorted.size(); i++) {
            assertEquals(new BigDecimal(sorted.get(i).get("payable").toString()).setScale(2), regions.money(1, i));
        }
        assertTrue(regions.labels.contains(expected), regions.labels.toString());
    }

    private static final ZoneId OFFICE = ZoneId.of("Asia/Shanghai");

    private static void claim(String body) {
        given().contentType("application/json").body(body).post("/api/v1/decisions/claim").then().statusCode(200);
    }

    private void awaitCharts(String state) {
        wait.until(ExpectedConditions.attributeToBe(By.id("charts"), "data-state", state));
    }

    private static List<Map<String, Object>> stats(String groupBy, Map<String, Object> period) {
        return given().queryParam("groupBy", groupBy).queryParams(period).get("/api/v1/decisions/stats")
                .then().statusCode(200).extract().jsonPath()
                // Money as BigDecimal: REST Assured reads decimals as float by default, which rounds a suite's
                // tens of millions of payable to a multiple of 4.
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL)).getList("groups");
    }

    private static long sum(List<Map<String, Object>> groups, String field) {
        return groups.stream().mapToLong(g -> ((Number) g.get(field)).longValue()).sum();
    }

    /** What a chart holds, read through Chart.js (window.auditCharts: the page's charts by canvas id). */
    private record ChartData(String type, List<String> labels, List<Map<String, Object>> datasets) {

        List<String> keys() {
            return datasets.stream().map(d -> (String) d.get("key")).toList();
        }

        @SuppressWarnings("unchecked")
        List<Long> values(int dataset) {
            return ((List<Number>) datasets.get(dataset).get("data")).stream().map(Number::longValue).toList();
        }

        long value(String key, int index) {
            return values(keys().indexOf(key)).get(index);
        }

        @SuppressWarnings("unchecked")
        BigDecimal money(int dataset, int index) {
            return new BigDecimal(((List<Number>) datasets.get(dataset).get("data")).get(index).toString()).setScale(2, java.math.RoundingMode.HALF_EVEN);
        }

        long total() {
            return datasets.stream().mapToLong(d -> values(datasets.indexOf(d)).stream().mapToLong(Long::longValue).sum()).sum();
        }
    }

    @SuppressWarnings("unchecked")
    private ChartData chart(String id) {
        Map<String, Object> data = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(
                "const chart = window.auditCharts[arguments[0]];"
                        + "return {type: chart.config.type, labels: chart.data.labels,"
                        + " datasets: chart.data.datasets.map(d => ({key: d.key ?? null, label: d.label, data: d.data}))};", id);
        return new ChartData((String) data.get("type"), (List<String>) data.get("labels"), (List<Map<String, Object>>) data.get("datasets"));
    }
}
