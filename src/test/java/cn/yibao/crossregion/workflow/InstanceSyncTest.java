package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.workflow.RulesetArchive;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Instances share the live version through the database: an activation another instance records
 * there (written here straight into the archive, as that instance's workflow would) is live on
 * this one within seconds, and this instance's next decisions are made by it.
 * (scripts/two-instances.sh does the same with two real processes on PostgreSQL, in CI.)
 */
@QuarkusTest
@TestProfile(RestartTest.OwnFoldersUnwatched.class)
class InstanceSyncTest extends TestUsers {

    @Inject
    RulesetArchive archive;

    @Test
    void shouldFollowAnActivationThatAnotherInstanceRecorded() throws Exception {
        String live = liveVersion();
        String payout = Files.readString(RestartTest.ROOT.resolve("rules-dmn/payout.dmn")).replace("<text>0.93</text>", "<text>0.94</text>");
        String scenarios = Files.readString(RestartTest.ROOT.resolve("rules-tests/payout.yaml"))
                .replace("baseRatio: 0.93, ratio: 0.93, payable: 9.77", "baseRatio: 0.94, ratio: 0.94, payable: 9.87");
        String elsewhere = given().contentType("application/json")
                .body(Map.of("files", Map.of("rules-dmn/payout.dmn", payout, "rules-tests/payout.yaml", scenarios)))
                .post("/api/v1/rulesets/drafts").then().statusCode(201).extract().path("version");

        archive.recordActivation(elsewhere, live, "node-b", java.time.LocalDate.of(2000, 1, 1), null);

        String decidedBy = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !elsewhere.equals(decidedBy)) {
            decidedBy = given().contentType("application/json").body(RulesetWorkflowTest.RETIREE_CLAIM)
                    .post("/api/v1/decisions/claim").then().statusCode(200).extract().path("rulesetVersion");
            if (!elsewhere.equals(decidedBy)) {
                Thread.sleep(200);
            }
        }
        assertEquals(elsewhere, decidedBy, "this instance decides by the version activated on the other");
        assertEquals(elsewhere, liveVersion());
    }

    private static String liveVersion() {
        return given().get("/api/v1/rulesets").then().statusCode(200).extract().path("find { it.active }.version");
    }
}
