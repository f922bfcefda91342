package cn.yibao.crossregion.web;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Debian's headless Chromium driven through its own chromedriver; nothing is downloaded.
 * Without the two packages (a machine that has only Java) the browser tests are skipped, saying
 * so; with {@code CI} set (.ci/run sets it, and installs them) they fail instead.
 */
final class Browser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    /** A browser signed in through the sign-in page, as a person would: a session cookie from then on. */
    static WebDriver signedIn(java.net.URL root, String username, String password) {
        WebDriver driver = start();
        driver.get(root.toString().replaceAll("/$", "") + "/login.html");
        driver.findElement(org.openqa.selenium.By.id("j_username")).sendKeys(username);
        driver.findElement(org.openqa.selenium.By.id("j_password")).sendKeys(password);
        driver.findElement(org.openqa.selenium.By.id("sign-in-button")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
                .until(page -> !page.getCurrentUrl().contains("login.html"));
        return driver;
    }

    static WebDriver start() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)";
        if (System.getenv("CI") != null) {
            // CI is where the pages must be tested: there a missing browser fails, it never skips.
            org.junit.jupiter.api.Assertions.assertTrue(installed, missing);
        }
        Assumptions.assumeTrue(installed, missing + "; skipped on this machine, never in CI");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1800", "--lang=zh-CN");
        // The page's console, for tests that assert a page ran without a JavaScript error (javascriptErrors).
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new ChromeDriver(service, options);
    }

    /**
     * The errors the page's scripts have logged or thrown since the last call. Chromium also logs
     * every answer that is not a 2xx ("Failed to load resource"), which a page may expect and handle
     * (the audit page's 404 for a trail not yet verified); those are left out.
     */
    static java.util.List<String> javascriptErrors(WebDriver driver) {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
    }

    /** A screenshot kept as a build artifact; a failure to take one does not fail the test. */
    static void screenshotQuietly(WebDriver driver, String name) {
        try {
            screenshot(driver, name);
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot " + name + ": " + e);
        }
    }

    static Path screenshot(WebDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
