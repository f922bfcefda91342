package cn.yibao.crossregion.web;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The auditors' page in headless Chromium: search, open a decision, read it, verify the trail. */
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
}
