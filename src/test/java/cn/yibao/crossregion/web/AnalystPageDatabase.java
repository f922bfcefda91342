package cn.yibao.crossregion.web;

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
        if (System.getProperty("quarkus.test.profile", "").contains("pg")) {
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=analyst_page",
                    "quarkus.flyway.schemas", "analyst_page",
                    "quarkus.hibernate-orm.database.default-schema", "analyst_page");
        }
        return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:analyst-page;DB_CLOSE_DELAY=-1");
    }
}
