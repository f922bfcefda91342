package cn.yibao.crossregion.web;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import cn.yibao.crossregion.workflow.RulesetArchive;
import cn.yibao.crossregion.rules.RulesetSource;
import cn.yibao.crossregion.scenarios.ScenarioReport;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analysts' page in headless Chromium: what dmn-js saves runs unchanged, a ratio changed in a
 * decision table goes through draft, failing scenario, fixed scenario, replay and activation to the
 * next claim, and a 16,000-row table opens in the paged grid. Page load times are printed, not asserted.
 */
@QuarkusTest
@TestProfile(AnalystPageDatabase.class)
class AnalystPageTest extends TestUsers {

    /** A retired employee, level-1 inpatient: (310.50 - 300) x 0.93 = 9.765 → 9.77 on the shipped rules. */
    private static final String RETIREE_CLAIM = Requests.WORKED_EXAMPLE
            .replace("\"EMPLOYED\"", "\"RETIRED\"").replace("\"level\": 3", "\"level\": 1")
            .replace("\"total\": 23000.00, \"selfPay\": 3000.00", "\"total\": 310.50, \"selfPay\": 0");
    private static final String PAYOUT = "rules-dmn/payout.dmn";
    private static final Duration SLOW_STEP = Duration.ofSeconds(120);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TestHTTPResource("/analyst/")
    URL page;

    @TestHTTPResource("/")
    URL root;

    @Inject
    RulesetArchive archive;

    private WebDriver browser;
    private WebDriverWait wait;
    private String shipped;

    @BeforeEach
    void openBrowser() {
        shipped = activeVersion();
        browser = Browser.signedIn(root, "analyst", "analyst-password");
        wait = new WebDriverWait(browser, SLOW_STEP);
    }

    @AfterEach
    void closeBrowserAndPutTheShippedVersionBack() {
        if (browser != null) {
            browser.quit();
        }
        if (shipped != null && !shipped.equals(activeVersion())) {
            given().post("/api/v1/rulesets/" + shipped + "/activate").then().statusCode(200);
        }
    }

    @Test
    void shouldSaveEachShippedModelUnchangedFromTheEditorAndReplayWithNoChanges() {
        Instant start = Instant.now().minusMillis(1);
        decide("/api/v1/decisions/claim", RETIREE_CLAIM);
        decide("/api/v1/decisions/claim", Requests.WORKED_EXAMPLE);
        decide("/api/v1/decisions/filing", Requests.POSTED_WORKER_FILING);
        Instant end = Instant.now().plusMillis(1);

        for (String model : List.of(PAYOUT, "rules-dmn/regions.dmn")) {
            openPage();
            openFile(model);
            click(".dmn-editor[data-file='" + model + "'] [data-action='resave']");
            WebElement saved = saveDraft();
            assertEquals("draft-saved", saved.getAttribute("id"), saved.getText());
            assertTrue(saved.getText().contains(model), saved.getText());
            String tests = browser.findElement(By.id("tests-summary")).getText();
            assertTrue(tests.contains("0 失败"), tests);
            assertTrue(browser.findElements(By.cssSelector("#draft-result .failure")).isEmpty());

            replay(start, end);
            assertEquals("3", text("#replay-compared"));
            assertEquals("0", text("#replay-changed"));
            assertTrue(browser.findElement(By.id("replay-no-changes")).isDisplayed());
            Browser.screenshotQuietly(browser, "analyst-round-trip-" + model.replace("rules-dmn/", "").replace(".dmn", ""));
        }
    }

    @Test
    void shouldChangeARatioCellFixItsScenarioReplayActivateAndDecideTheNextClaimWithIt() {
        Instant start = Instant.now().minusMillis(1);
        decide("/api/v1/decisions/claim", RETIREE_CLAIM);
        decide("/api/v1/decisions/claim", RETIREE_CLAIM);
        decide("/api/v1/decisions/claim", Requests.WORKED_EXAMPLE);
        Instant end = Instant.now().plusMillis(1);

        openPage();
        Browser.screenshotQuietly(browser, "analyst-page");
        String draft = draftTheRetireeRatio095();

        // The two retiree claims of the period would have paid 9.98 instead of 9.77; the worked example is unchanged.
        replay(start, end);
        assertEquals("3", text("#replay-compared"));
        assertEquals("2", text("#replay-changed"));
        assertEquals("无 none", text("#replay-transitions"));
        assertEquals("+0.42", text("#replay-total"));
        assertEquals("+0.21", text("#replay-max"));
        List<WebElement> changes = browser.findElements(By.cssSelector("#replay-changes tbody tr"));
        assertEquals(2, changes.size());
        for (WebElement change : changes) {
            assertTrue(change.findElement(By.cssSelector("td.before")).getText().contains("APPROVED 9.77"), change.getText());
            assertTrue(change.findElement(By.cssSelector("td.after")).getText().contains("APPROVED 9.98"), change.getText());
        }
        Browser.screenshotQuietly(browser, "analyst-replay");
        changes.get(0).findElement(By.cssSelector("a[data-explain]")).click();
        WebElement explanation = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#explanation-body .summary")));
        assertTrue(explanation.getText().contains("APPROVED"), explanation.getText());
        Browser.screenshotQuietly(browser, "analyst-explanation");
        click("#explanation .close");

        // Activation asks first, repeating the replay.
        click("#activate-button");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertEquals("2", text("#confirm-changed"));
        assertEquals("+0.42", text("#confirm-total"));
        Browser.screenshotQuietly(browser, "analyst-activate-confirmation");
        click("#confirm-ok");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("activated")));
        wait.until(ExpectedConditions.textToBe(By.id("active-version"), draft));
        assertEquals("analyst", text("#active-by"));
        Browser.screenshotQuietly(browser, "analyst-activated");

        assertEquals(draft, activeVersion());
        var next = given().contentType("application/json").body(RETIREE_CLAIM).post("/api/v1/decisions/claim")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(draft, next.getString("rulesetVersion"));
        assertEquals("0.95", next.getString("amounts.baseRatio"));
        assertEquals("9.98", next.getString("amounts.payable"));

        // Against the version it replaced, the diff shows the one cell and the one expectation; then roll back.
        click("#versions-box summary");
        String previous = "#versions tr[data-version='" + shipped + "']";
        click(previous + " button[data-version-action='diff']");
        WebElement payoutDiff = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#diff .file-diff[data-file='" + PAYOUT + "']")));
        assertEquals(List.of("<text>0.95</text>"), lines(payoutDiff, ".removed"));
        assertEquals(List.of("<text>0.93</text>"), lines(payoutDiff, ".added"));
        WebElement scenarioDiff = browser.findElement(By.cssSelector("#diff .file-diff[data-file='rules-tests/payout.yaml']"));
        assertEquals(1, scenarioDiff.findElements(By.cssSelector(".removed")).size(), scenarioDiff.getText());
        Browser.screenshotQuietly(browser, "analyst-diff");
        click(previous + " button[data-version-action='activate']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        click("#confirm-ok");
        wait.until(ExpectedConditions.textToBe(By.id("active-version"), shipped));
        assertEquals(shipped, activeVersion());
    }

    @Test
    void shouldScheduleADraftFromAFutureDateDecideTheClaimsOfThatPeriodWithItAndWithdrawIt() {
        // Care two years ahead, so that the change is scheduled whatever today is.
        int year = LocalDate.now(SHANGHAI).getYear() + 2;
        String effectiveFrom = year + "-01-01";
        String claimAfterTheChange = inYear(RETIREE_CLAIM, year);
        String before = given().contentType("application/json").body(claimAfterTheChange).post("/api/v1/decisions/claim")
                .then().statusCode(200).extract().path("decisionId");

        openPage();
        String draft = draftTheRetireeRatio095();

        // Another date shows where the period would end: at the next governing entry, once scheduled.
        setValue("#effective-from", effectiveFrom);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("activation-period-dates"), "from " + effectiveFrom + " on"));

        // The draft replayed over the policy dates it would govern: the one claim of that year changes.
        click("#replay-period-button");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("replay-compared")));
        assertEquals(effectiveFrom, browser.findElement(By.id("replay-from")).getAttribute("value"));
        assertEquals("", browser.findElement(By.id("replay-to")).getAttribute("value"));
        assertEquals("policyDate", browser.findElement(By.id("replay-by")).getAttribute("value"));
        assertEquals("1", text("#replay-compared"));
        assertEquals("1", text("#replay-changed"));
        assertEquals("+0.21", text("#replay-total"));

        // Its explanation says which timeline entry decided it: the shipped rules' first entry.
        click("#replay-changes a[data-explain='" + before + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("explanation-policy")));
        assertEquals(year + "-03-02", text("#explanation-policy-date"));
        String entry = text("#explanation-entry");
        assertTrue(entry.startsWith("2000-01-01") && entry.contains(shipped.substring(7, 19)), entry);
        Browser.screenshotQuietly(browser, "analyst-explanation-timeline-entry");
        click("#explanation .close");

        click("#activate-button");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertEquals("自 " + effectiveFrom + " 起 from " + effectiveFrom + " on", text("#confirm-period"));
        Browser.screenshotQuietly(browser, "analyst-schedule-confirmation");
        click("#confirm-ok");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("activated")));
        String scheduled = "#timeline-entries tr[data-effective-from='" + effectiveFrom + "']";
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector(scheduled), "data-status", "SCHEDULED"));
        assertEquals(draft, browser.findElement(By.cssSelector(scheduled)).getAttribute("data-version"));
        assertTrue(text("#timeline-band .band-entry[data-effective-from='" + effectiveFrom + "']").contains("已排期"));
        assertEquals(shipped.substring(7, 19), text("#timeline-in-force"), "today's policy stays");
        Browser.screenshotQuietly(browser, "analyst-timeline-scheduled");

        // Care from that date on is decided by the draft; care today still by the shipped rules.
        var after = decideClaim(claimAfterTheChange);
        assertEquals(draft, after.getString("rulesetVersion"));
        assertEquals(year + "-03-02", after.getString("policyDate"));
        assertEquals("9.98", after.getString("amounts.payable"));
        var now = decideClaim(RETIREE_CLAIM);
        assertEquals(shipped, now.getString("rulesetVersion"));
        assertEquals("9.77", now.getString("amounts.payable"));

        // A date half a year earlier would govern until the day before the scheduled entry.
        setValue("#effective-from", (year - 1) + "-07-01");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("activation-period-dates"),
                "from " + (year - 1) + "-07-01 until " + (year - 1) + "-12-31 (the next entry)"));

        click(scheduled + " button[data-timeline-action='withdraw']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        click("#confirm-ok");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("withdrawn")));
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector(scheduled), "data-status", "WITHDRAWN"));
        assertTrue(browser.findElements(By.cssSelector("#timeline-band .band-entry[data-effective-from='" + effectiveFrom + "']")).isEmpty());
        String withdrawn = text(scheduled + " td:nth-child(4)");
        assertTrue(withdrawn.contains("已撤回") && withdrawn.contains("analyst"), withdrawn);
        Browser.screenshotQuietly(browser, "analyst-timeline-withdrawn");
        assertEquals(shipped, decideClaim(claimAfterTheChange).getString("rulesetVersion"));
    }

    @Test
    void shouldRefuseToSaveAModelWhoseDmn15ElementsTheEditorWouldDrop() {
        String regions = "rules-dmn/regions.dmn";
        String live = activeVersion();
        String model = given().get("/api/v1/rulesets/" + live).then().statusCode(200).extract().path("files.'" + regions + "'");
        // Stored as a version loaded from disk would be: dmn-moddle (DMN 1.3) knows neither element.
        RulesetSource withDmn15 = archive.source(live).orElseThrow().with(Map.of(regions, withDmn15OnlyElements(model)));
        archive.store(withDmn15, RulesetArchive.FROM_DISK, "dmn-1.5-test", new ScenarioReport(0, 0, List.of(), List.of()));
        int versions = given().get("/api/v1/rulesets").then().statusCode(200).extract().path("size()");

        openPage();
        click("#versions-box summary");
        click("#versions tr[data-version='" + withDmn15.version() + "'] button[data-version-action='open']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("base-label"), withDmn15.version().substring(7, 19)));
        openFile(regions);
        String editor = ".dmn-editor[data-file='" + regions + "']";
        WebElement lossy = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(editor + " .lossy")));
        assertEquals(List.of("typeConstraint#tPercent_range", "conditional#Filing_fee_rule"), named(lossy));
        assertTrue(lossy.getText().contains("dmn:TypeConstraint") && lossy.getText().contains("dmn:Conditional"), lossy.getText());
        assertTrue(browser.findElement(By.cssSelector(editor + " [data-action='resave']")).getAttribute("disabled") != null);
        Browser.screenshotQuietly(browser, "analyst-dmn15-element-warning");

        // An edit in dmn-js is kept on the page but not saved: the model would lose both elements.
        click(editor + " .view-tab[data-view-id='Filing_required_within_the_province']");
        WebElement cell = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                "td[data-row-id='Filing_required_within_the_province_row1'][data-col-id='Filing_required_within_the_province_out1'] .content-editable")));
        new Actions(browser).click(cell).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).sendKeys("false").perform();
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("#files li[data-file='" + regions + "']"), "class", "changed"));
        WebElement refused = saveDraft();
        assertEquals("draft-refused", refused.getAttribute("id"), refused.getText());
        assertEquals(List.of("typeConstraint#tPercent_range", "conditional#Filing_fee_rule"),
                named(browser.findElement(By.id("draft-lossy"))));
        assertTrue(text("#draft-lossy").contains(regions), text("#draft-lossy"));
        Browser.screenshotQuietly(browser, "analyst-dmn15-save-refused");
        assertEquals(versions, (int) given().get("/api/v1/rulesets").then().extract().path("size()"), "no draft was stored");
    }

    /** Each element the page names, as tag#id. */
    private static List<String> named(WebElement list) {
        return list.findElements(By.cssSelector("li[data-element]")).stream()
                .map(item -> item.getAttribute("data-element") + "#" + item.getAttribute("data-element-id")).toList();
    }

    /** DMN 1.5 constructs dmn-js 17 (dmn-moddle, DMN 1.3) does not know: a type constraint and a conditional boxed expression. */
    private static String withDmn15OnlyElements(String model) {
        String firstDecision = "<decision id=\"Filing_required_within_the_province\"";
        return model.replace(firstDecision, """
                <itemDefinition id="tPercent" name="tPercent">
                    <typeRef>number</typeRef>
                    <typeConstraint id="tPercent_range"><text>[0..100]</text></typeConstraint>
                  </itemDefinition>
                  <decision id="Filing_fee" name="Filing fee">
                    <variable id="Filing_fee_var" name="Filing fee" typeRef="number"/>
                    <conditional id="Filing_fee_rule">
                      <if><literalExpression id="Filing_fee_if"><text>true</text></literalExpression></if>
                      <then><literalExpression id="Filing_fee_then"><text>0</text></literalExpression></then>
                      <else><literalExpression id="Filing_fee_else"><text>1</text></literalExpression></else>
                    </conditional>
                  </decision>
                  """ + firstDecision);
    }

    /** The claim moved to `year` (its 2025 filing date to the year before), every other field as it was. */
    private static String inYear(String claim, int year) {
        return claim.replace("\"2026-", "\"" + year + "-").replace("\"2025-", "\"" + (year - 1) + "-");
    }

    private static io.restassured.path.json.JsonPath decideClaim(String body) {
        return given().contentType("application/json").body(body).post("/api/v1/decisions/claim").then().statusCode(200).extract().jsonPath();
    }

    /**
     * Base policy row 2 (employee, retired, inpatient, level 1): baseRatio 0.93 → 0.95 in dmn-js; the
     * scenario that pins the old ratio fails, is fixed in the YAML editor, and the draft is saved again.
     * Returns the draft's version.
     */
    private String draftTheRetireeRatio095() {
        openFile(PAYOUT);
        click(".dmn-editor[data-file='" + PAYOUT + "'] .view-tab[data-view-id='Base_policy']");
        WebElement cell = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                "td[data-row-id='Base_policy_row2'][data-col-id='Base_policy_out2'] .content-editable")));
        assertEquals("0.93", cell.getText().trim());
        new Actions(browser).click(cell).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).sendKeys("0.95").perform();
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("#files li[data-file='" + PAYOUT + "']"), "class", "changed"));
        Browser.screenshotQuietly(browser, "analyst-decision-table-edited");

        // The scenario that pins the old ratio fails, with what it expected and what it got.
        saveDraft();
        assertTrue(text("#tests-summary").contains("1 失败"), text("#tests-summary"));
        WebElement failure = browser.findElement(By.cssSelector("#draft-result .failure[data-file='rules-tests/payout.yaml']"));
        assertTrue(failure.getText().contains("a retiree's payable is rounded half up"), failure.getText());
        List<String> payable = failure.findElements(By.cssSelector("table.mismatches tr")).stream().map(WebElement::getText)
                .filter(row -> row.startsWith("amounts.payable")).toList();
        assertEquals(List.of("amounts.payable 9.77 9.98"), payable);
        assertTrue(browser.findElement(By.id("activate-button")).getAttribute("disabled") != null, "a failing draft cannot be activated");
        Browser.screenshotQuietly(browser, "analyst-draft-failing-scenario");

        // The analyst updates the pinned expectation in the YAML editor, with its search and replace.
        failure.findElement(By.cssSelector("a[data-reveal]")).click();
        WebElement yaml = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                ".code-editor[data-file='rules-tests/payout.yaml'] .cm-content")));
        yaml.sendKeys(Keys.chord(Keys.CONTROL, "f"));
        WebElement search = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cm-search input[name='search']")));
        search.clear();
        search.sendKeys("baseRatio: 0.93, ratio: 0.93, payable: 9.77");
        WebElement replace = browser.findElement(By.cssSelector(".cm-search input[name='replace']"));
        replace.clear();
        replace.sendKeys("baseRatio: 0.95, ratio: 0.95, payable: 9.98");
        browser.findElement(By.cssSelector(".cm-search button[name='replaceAll']")).click();
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("#files li[data-file='rules-tests/payout.yaml']"), "class", "changed"));
        Browser.screenshotQuietly(browser, "analyst-scenario-edited");

        WebElement saved = saveDraft();
        assertTrue(saved.getText().contains(PAYOUT) && saved.getText().contains("rules-tests/payout.yaml"), saved.getText());
        assertTrue(text("#tests-summary").contains("0 失败"), text("#tests-summary"));
        return browser.findElement(By.id("replay-candidate")).getAttribute("value");
    }

    /** The changed lines of a file's diff, without the +/- and indentation. */
    private static List<String> lines(WebElement diff, String kind) {
        return diff.findElements(By.cssSelector(kind)).stream().map(line -> line.getText().substring(1).trim()).toList();
    }

    @Test
    void shouldShowACompileErrorAtItsFileAndLine() {
        String drl = "rules-drl/exclusions.drl";
        String live = given().get("/api/v1/rulesets/" + shipped).then().extract().path("files.'" + drl + "'");
        String broken = "Claim( cause == Cause.SELF_HARM )";
        int line = live.substring(0, live.indexOf(broken)).split("\n", -1).length;

        openPage();
        openFile(drl);
        WebElement code = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".code-editor[data-file='" + drl + "'] .cm-content")));
        code.sendKeys(Keys.chord(Keys.CONTROL, "f"));
        WebElement search = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cm-search input[name='search']")));
        search.sendKeys(broken);
        browser.findElement(By.cssSelector(".cm-search input[name='replace']")).sendKeys("Claim( cause == == )");
        browser.findElement(By.cssSelector(".cm-search button[name='replaceAll']")).click();

        WebElement refused = saveDraft();
        assertEquals("draft-refused", refused.getAttribute("id"), refused.getText());
        String errors = text("#draft-errors");
        assertTrue(errors.contains(drl + ":" + line), errors);
        assertEquals("1", text("#files li[data-file='" + drl + "'] .problem-count"));
        click("#draft-errors a[data-reveal='" + drl + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                ".code-editor[data-file='" + drl + "'] .cm-problem-line[data-problem-line='" + line + "']")));
        Browser.screenshotQuietly(browser, "analyst-compile-error");
        assertEquals(shipped, activeVersion());
    }

    @Test
    void shouldOpenA16000RowTableInThePagedGridPageThroughAndEditACell() {
        int rows = 16_000;
        String live = activeVersion();
        String payout = given().get("/api/v1/rulesets/" + live).then().statusCode(200).extract().path("files.'" + PAYOUT + "'");
        // Stored as a version loaded from disk would be, so that the page opens it as the analyst found it.
        RulesetSource large = archive.source(live).orElseThrow()
                .with(Map.of(PAYOUT, LargeDecisionTable.withGeneratedBaseRows(payout, rows)));
        archive.store(large, RulesetArchive.FROM_DISK, "large-table-test", new ScenarioReport(0, 0, List.of(), List.of()));

        openPage();
        click("#versions-box summary");
        long opening = System.nanoTime();
        click("#versions tr[data-version='" + large.version() + "'] button[data-version-action='open']");
        String tab = ".dmn-editor[data-file='" + PAYOUT + "'] .view-tab[data-view-id='Base_policy']";
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(tab), String.valueOf(rows + 16)));
        click(tab);
        By gridRows = By.cssSelector(".dmn-grid table.grid[data-decision='Base policy'] tbody tr");
        wait.until(ExpectedConditions.numberOfElementsToBe(gridRows, 100));
        System.out.printf("analyst page: a %,d-row decision table opened in the paged grid in %d ms%n",
                rows + 16, (System.nanoTime() - opening) / 1_000_000);
        String count = text(".dmn-grid [data-grid='count']");
        assertTrue(count.contains(String.valueOf(rows + 16)), count);
        assertEquals("1 / 161", text(".dmn-grid [data-grid='page']"));
        assertTrue(browser.findElements(By.cssSelector(".dmn-canvas .tjs-table")).isEmpty(), "dmn-js does not render a large table");
        Browser.screenshotQuietly(browser, "analyst-large-table");

        click(".dmn-grid [data-grid='next']");
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".dmn-grid [data-grid='page']"), "2 / 161"));
        assertEquals("101", browser.findElement(gridRows).findElement(By.cssSelector(".row-number")).getText());

        // The filter finds one region's 24 rows; a cell edited there stays in the model.
        String region = LargeDecisionTable.region(600);
        WebElement filter = browser.findElement(By.cssSelector(".dmn-grid [data-grid='filter']"));
        filter.sendKeys(region);
        wait.until(ExpectedConditions.numberOfElementsToBe(gridRows, 24));
        WebElement ratio = browser.findElement(gridRows).findElement(By.cssSelector("td[data-col='out2'] input"));
        String row = browser.findElement(gridRows).findElement(By.cssSelector(".row-number")).getText();
        assertEquals(String.valueOf(600 * 24 + 1), row);
        ratio.sendKeys(Keys.chord(Keys.CONTROL, "a"), "0.55");
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("#files li[data-file='" + PAYOUT + "']"), "class", "changed"));
        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".dmn-grid [data-grid='page']"), "1 / 161"));
        filter.sendKeys(region);
        wait.until(ExpectedConditions.numberOfElementsToBe(gridRows, 24));
        assertEquals("0.55", browser.findElement(gridRows).findElement(By.cssSelector("td[data-col='out2'] input")).getAttribute("value"));
        Browser.screenshotQuietly(browser, "analyst-large-table-edited");

        // The edited table goes back as a draft: compiled, validated (too large to analyse) and tested.
        long saving = System.nanoTime();
        WebElement saved = saveDraft();
        System.out.printf("analyst page: the %,d-row table saved as a draft in %d ms%n", rows + 16, (System.nanoTime() - saving) / 1_000_000);
        assertEquals("draft-saved", saved.getAttribute("id"), saved.getText());
        String result = browser.findElement(By.id("draft-result")).getAttribute("textContent");   // the warnings are folded
        assertTrue(result.contains("NOT_ANALYSED"), result);
        Browser.screenshotQuietly(browser, "analyst-large-table-draft");
    }

    private void openPage() {
        browser.get(page.toString());
        wait.until(driver -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready")));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".dmn-editor[data-file='" + PAYOUT + "'] .view-tab")));
        Object timings = ((JavascriptExecutor) browser).executeScript("""
                const navigation = performance.getEntriesByType('navigation')[0];
                const mark = name => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? -1);
                return [Math.round(navigation.loadEventEnd), mark('analyst-ready'), mark('analyst-first-model')];""");
        List<?> ms = (List<?>) timings;
        System.out.printf("analyst page load: %s ms to the load event, %s ms until the active ruleset and its files show, %s ms until payout.dmn's diagram shows%n",
                ms.get(0), ms.get(1), ms.get(2));
    }

    private void openFile(String path) {
        click("#files li[data-file='" + path + "']");
        if (path.endsWith(".dmn")) {
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".dmn-editor[data-file='" + path + "'] .view-tab")));
        }
    }

    /** Saves a draft and waits for the page's answer: #draft-saved, #draft-refused or #draft-nothing. */
    private WebElement saveDraft() {
        ((JavascriptExecutor) browser).executeScript("document.getElementById('draft-result').innerHTML = ''");
        click("#save-draft");
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#draft-saved, #draft-refused, #draft-nothing")));
    }

    private void replay(Instant from, Instant to) {
        setValue("#replay-from", from.toString());
        setValue("#replay-to", to.toString());
        ((JavascriptExecutor) browser).executeScript("document.getElementById('replay-result').innerHTML = ''");
        click("#replay-button");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("replay-compared")));
    }

    private void setValue(String selector, String value) {
        WebElement input = browser.findElement(By.cssSelector(selector));
        input.clear();
        input.sendKeys(value);
    }

    /** Clicks what the selector finds, again if the page re-rendered it meanwhile. */
    private void click(String selector) {
        wait.ignoring(StaleElementReferenceException.class).until(driver -> {
            WebElement element = ExpectedConditions.elementToBeClickable(By.cssSelector(selector)).apply(driver);
            if (element == null) {
                return false;
            }
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
            element.click();
            return true;
        });
    }

    private String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText().trim();
    }

    private static void decide(String path, String body) {
        given().contentType("application/json").body(body).post(path).then().statusCode(200);
    }

    private static String activeVersion() {
        return given().get("/api/v1/rulesets").then().statusCode(200).extract().path("find { it.active }.version");
    }
}
