package cn.yibao.crossregion.audit;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A database of its own, so that a test may tamper with the audit trail without breaking anyone else's chain. */
public class IsolatedAuditDatabase implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:tamper-evidence;DB_CLOSE_DELAY=-1");
    }
}
