package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Reload and the folder watcher, on a copy of the rule folders that the test edits on disk. */
@QuarkusTest
@TestProfile(CopiedRuleFolders.class)
class ReloadFromFoldersTest extends TestUsers {

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/ready", management = true)
    java.net.URL ready;

    private double failedReloads() {
        var counter = metrics.find("ruleset_reloads").tag("result", "failure").counter();
        return counter == null ? 0 : counter.count();
    }

    private static final Path PAYOUT_DMN = CopiedRuleFolders.ROOT.resolve("rules-dmn/payout.dmn");
    private static final Path PAYOUT_TESTS = CopiedRuleFolders.ROOT.resolve("rules-tests/payout.yaml");
    private static final Path EXCLUSIONS = CopiedRuleFolders.ROOT.resolve("rules-drl/exclusions.drl");

    @AfterEach
    void restoreTheFolders() {
        CopiedRuleFolders.copyShippedRules();
        given().post("/api/v1/rulesets/reload").then().statusCode(200);
    }

    @Test
    void shouldRefuseABrokenFileOnDiskAndKeepTheLiveVersion() throws Exception {
        String live = activeVersion();
        double failedBefore = failedReloads();
        replace(EXCLUSIONS, "Claim( cause == Cause.SELF_HARM )", "Claim( cause == == )");

        given().post("/api/v1/rulesets/reload")
                .then().statusCode(422)
                .body("errors[0].file", equalTo("rules-drl/exclusions.drl"))
                .body("errors[0].line", greaterThan(0));
        // The watcher sees the change too, and must refuse it as well: wait until it has tried.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (failedReloads() < failedBefore + 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(failedBefore + 2, failedReloads(), "the request's reload and the watcher's both refused the broken file");
        assertEquals(live, activeVersion());
        // Broken folders on disk do not take the service out of rotation: it still decides, by the live version.
        given().auth().none().get(ready).then().statusCode(200)
                .body("checks.find { it.name == 'ruleset' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'ruleset' }.data.version", equalTo(live));
        given().contentType("application/json").body(Requests.WORKED_EXAMPLE).post("/api/v1/decisions/claim")
                .then().statusCode(200).body("rulesetVersion", equalTo(live)).body("amounts.payable", equalTo(15200.00f));
    }

    @Test
    void shouldRefuseFilesOnDiskWhoseScenariosFail() throws IOException {
        String live = activeVersion();
        replace(PAYOUT_DMN, "<text>0.93</text>", "<text>0.95</text>");

        given().post("/api/v1/rulesets/reload")
                .then().statusCode(422)
                .body("errors[0].file", equalTo("rules-tests/payout.yaml"))
                .body("errors[0].line", greaterThan(0))
                .body("errors[0].message", containsString("amounts.payable"));
        assertEquals(live, activeVersion());
    }

    @Test
    void shouldPutAChangedRatioLiveWhenTheFoldersChange() throws Exception {
        String live = activeVersion();
        replace(PAYOUT_TESTS, "baseRatio: 0.93, ratio: 0.93, payable: 9.77", "baseRatio: 0.95, ratio: 0.95, payable: 9.98");
        replace(PAYOUT_DMN, "<text>0.93</text>", "<text>0.95</text>");

        String changed = waitForANewVersion(live);
        given().get("/api/v1/rulesets").then().body("find { it.version == '" + changed + "' }.activatedBy", equalTo("watcher"));
        given().post("/api/v1/rulesets/reload").then().statusCode(200).body("version", equalTo(changed)).body("previous", equalTo(changed));
        given().contentType("application/json").body(RulesetWorkflowTest.RETIREE_CLAIM).post("/api/v1/decisions/claim")
                .then().statusCode(200).body("rulesetVersion", equalTo(changed)).body("amounts.payable", equalTo(9.98f));
    }

    private static String waitForANewVersion(String live) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String now = activeVersion();
            if (!now.equals(live)) {
                return now;
            }
            Thread.sleep(100);
        }
        assertNotEquals(live, activeVersion(), "the watcher should have put the changed folders live");
        return null;
    }

    private static String activeVersion() {
        return given().get("/api/v1/rulesets").then().statusCode(200).extract().path("find { it.active }.version");
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String content = Files.readString(file);
        assertNotEquals(content, content.replace(from, to), file + " should contain " + from);
        Files.writeString(file, content.replace(from, to));
    }
}
