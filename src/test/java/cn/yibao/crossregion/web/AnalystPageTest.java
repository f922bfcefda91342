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
        // Base policy row 2 (employee, retired, inpatient, level 1): baseRatio 0.93 → 0.95, in dmn-js.
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
        String draft = browser.findElement(By.id("replay-candidate")).getAttribute("value");

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
