package cn.yibao.crossregion.web;

import cn.yibao.crossregion.OwnDatabase;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * A database of its own (H2 in memory, or a schema of its own on PostgreSQL): the analyst page
 * test activates versions, and the live version is the latest activation in the database, so the
 * other test classes must not see them.
 */
public class AnalystPageDatabase implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return OwnDatabase.named("analyst-page");
    }
}
