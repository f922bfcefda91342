package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.OwnDatabase;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * A database of its own (H2 in memory, or a schema of its own on PostgreSQL), so that a test
 * may tamper with the audit trail without breaking anyone else's chain.
 */
public class IsolatedAuditDatabase implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return OwnDatabase.named("tamper-evidence");
    }
}
