package cn.yibao.crossregion;

import java.util.Map;

/**
 * The configuration of a database of a test class's own: H2 in memory, or a schema of its own on
 * PostgreSQL under the {@code pg} test profile, emptied at start so that no earlier run's
 * activations or chain links are in it. For test profiles whose class changes what others must
 * not see (the live ruleset, the audit chain).
 */
public final class OwnDatabase {

    private OwnDatabase() {
    }

    public static Map<String, String> named(String name) {
        if (System.getProperty("quarkus.test.profile", "").contains("pg")) {
            String schema = name.replace('-', '_');
            // Under both keys: a %pg value given on the command line (-D%pg.quarkus.datasource.jdbc.url=…) would win over the plain one.
            return Map.of(
                    "quarkus.datasource.jdbc.url", database() + "?currentSchema=" + schema,
                    "%pg.quarkus.datasource.jdbc.url", database() + "?currentSchema=" + schema,
                    "quarkus.flyway.schemas", schema,
                    "quarkus.flyway.clean-disabled", "false",
                    "quarkus.flyway.clean-at-start", "true",
                    "quarkus.hibernate-orm.database.default-schema", schema);
        }
        return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    /** The suite's PostgreSQL database: test, or the one named by -D%pg.quarkus.datasource.jdbc.url (without its parameters). */
    private static String database() {
        String url = System.getProperty("%pg.quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test");
        int parameters = url.indexOf('?');
        return parameters < 0 ? url : url.substring(0, parameters);
    }
}
