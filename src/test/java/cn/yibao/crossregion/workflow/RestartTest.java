package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.OwnDatabase;
import cn.yibao.crossregion.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * What a restart makes live ({@link RulesetWorkflow#start()}, as at every start of the service): the
 * same rule folders keep the version an analyst activated since; folders never live before are a
 * new deployment and go live. On rule folders and a database of its own, not watched, so that only
 * the start reads the folders.
 */
@QuarkusTest
@TestProfile(RestartTest.OwnFoldersUnwatched.class)
class RestartTest extends TestUsers {

    static final Path ROOT = Path.of("target", "restart-rules");

    public static class OwnFoldersUnwatched implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            CopiedRuleFolders.copyShippedRules(ROOT);
            Map<String, String> config = new HashMap<>(OwnDatabase.named("restart"));
            config.put("rules.drl-dir", ROOT.resolve("rules-drl").toString());
            config.put("rules.dmn-dir", ROOT.resolve("rules-dmn").toString());
            config.put("rules.tests-dir", ROOT.resolve("rules-tests").toString());
            config.put("rules.watch", "false");
            return config;
        }
    }

    @Inject
    RulesetWorkflow workflow;

    @Test
    void shouldKeepTheAnalystsActivationOverTheSameFoldersAndPutNewFoldersLive() throws IOException {
        String deployed = activeVersion();

        // An analyst raises the retired level-1 inpatient ratio and activates it.
        String payout = Files.readString(ROOT.resolve("rules-dmn/payout.dmn")).replace("<text>0.93</text>", "<text>0.95</text>");
        String scenarios = Files.readString(ROOT.resolve("rules-tests/payout.yaml"))
                .replace("baseRatio: 0.93, ratio: 0.93, payable: 9.77", "baseRatio: 0.95, ratio: 0.95, payable: 9.98");
        String analysts = given().contentType("application/json")
                .body(Map.of("files", Map.of("rules-dmn/payout.dmn", payout, "rules-tests/payout.yaml", scenarios)))
                .post("/api/v1/rulesets/drafts").then().statusCode(201).extract().path("version");
        given().post("/api/v1/rulesets/" + analysts + "/activate").then().statusCode(200);
        assertEquals(analysts, activeVersion());

        RulesetWorkflow.Activation sameFolders = workflow.start();
        assertEquals(analysts, sameFolders.version(), "a restart on the folders deployed before keeps the analysts' version");
        assertEquals(analysts, activeVersion());
        given().get("/api/v1/rulesets").then()
                .body("find { it.version == '" + analysts + "' }.activatedBy", equalTo(TESTER));

        // A new deployment: folders whose version was never live.
        Path exclusions = ROOT.resolve("rules-drl/exclusions.drl");
        String shippedExclusions = Files.readString(exclusions);
        try {
            Files.writeString(exclusions, shippedExclusions + "\n// deployed " + System.nanoTime() + "\n");
            RulesetWorkflow.Activation newFolders = workflow.start();
            assertNotEquals(analysts, newFolders.version());
            assertNotEquals(deployed, newFolders.version());
            assertEquals(newFolders.version(), activeVersion(), "new folders go live at start");
            given().get("/api/v1/rulesets").then()
                    .body("find { it.version == '" + newFolders.version() + "' }.activatedBy", equalTo("startup"));
        } finally {
            Files.writeString(exclusions, shippedExclusions);
        }
    }

    private static String activeVersion() {
        return given().get("/api/v1/rulesets").then().statusCode(200).extract().path("find { it.active }.version");
    }
}
