package cn.yibao.crossregion.audit;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * A database of its own (H2 in memory, or a schema of its own on PostgreSQL), so that a test
 * may tamper with the audit trail without breaking anyone else's chain.
 */
public class IsolatedAuditDatabase implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        if (System.getProperty("quarkus.test.profile", "").contains("pg")) {
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=tamper_evidence",
                    "quarkus.flyway.schemas", "tamper_evidence",
                    "quarkus.hibernate-orm.database.default-schema", "tamper_evidence");
        }
        return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:tamper-evidence;DB_CLOSE_DELAY=-1");
    }
}
