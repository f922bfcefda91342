package cn.yibao.crossregion.api;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.audit.record.IdempotencyKeys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static cn.yibao.crossregion.api.IdempotentDecisionTest.KEY_HEADER;
import static cn.yibao.crossregion.api.IdempotentDecisionTest.REPLAYED_HEADER;
import static cn.yibao.crossregion.api.IdempotentDecisionTest.asCaller;
import static cn.yibao.crossregion.api.IdempotentDecisionTest.claim;
import static cn.yibao.crossregion.api.IdempotentDecisionTest.newClaimId;
import static cn.yibao.crossregion.api.IdempotentDecisionTest.newKey;
import static cn.yibao.crossregion.api.IdempotentDecisionTest.recordedForClaim;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Idempotency keys are kept for decisions.idempotency.retention (here one second): then a key is new, and purged. */
@QuarkusTest
@TestProfile(ExpiredIdempotencyKeyTest.KeptOneSecond.class)
class ExpiredIdempotencyKeyTest extends TestUsers {

    private static final long RETENTION_MILLIS = 1_000;

    public static class KeptOneSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The scheduled purge stays hourly: the tests purge when they mean to.
            return Map.of("decisions.idempotency.retention", "PT1S");
        }
    }

    @Inject
    IdempotencyKeys keys;

    @Inject
    EntityManager entityManager;

    @Test
    void shouldDecideAnewOnceTheKeyHasExpiredBeforeItIsPurged() throws Exception {
        String claimId = newClaimId();
        String key = newKey();
        String first = asCaller().header(KEY_HEADER, key).body(claim(claimId)).post("/api/v1/decisions/claim")
                .then().statusCode(200).extract().path("decisionId");
        Thread.sleep(RETENTION_MILLIS + 200);
        assertEquals(1, keyRows(key), "expired but not purged yet");

        asCaller().header(KEY_HEADER, key).body(claim(claimId)).post("/api/v1/decisions/claim")
                .then().statusCode(200).header(REPLAYED_HEADER, nullValue()).body("decisionId", not(equalTo(first)));

        assertEquals(2, recordedForClaim(claimId));
        assertEquals(1, keyRows(key), "the expired row made way for the new decision's");
    }

    @Test
    void shouldPurgeExpiredKeysAndThenDecideAnew() throws Exception {
        String claimId = newClaimId();
        String key = newKey();
        String first = asCaller().header(KEY_HEADER, key).body(claim(claimId)).post("/api/v1/decisions/claim")
                .then().statusCode(200).extract().path("decisionId");
        Thread.sleep(RETENTION_MILLIS + 200);

        assertTrue(keys.purgeExpired() >= 1);

        assertEquals(0, keyRows(key));
        asCaller().header(KEY_HEADER, key).body(claim(claimId)).post("/api/v1/decisions/claim")
                .then().statusCode(200).header(REPLAYED_HEADER, nullValue()).body("decisionId", not(equalTo(first)));
        assertEquals(2, recordedForClaim(claimId));
    }

    @Test
    void shouldTakeAnExpiredKeyWithAnotherRequest() throws Exception {
        String key = newKey();
        asCaller().header(KEY_HEADER, key).body(claim(newClaimId())).post("/api/v1/decisions/claim").then().statusCode(200);
        Thread.sleep(RETENTION_MILLIS + 200);

        asCaller().header(KEY_HEADER, key).body(claim(newClaimId())).post("/api/v1/decisions/claim")
                .then().statusCode(200).header(REPLAYED_HEADER, nullValue());
    }

    private long keyRows(String key) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("select count(k) from IdempotencyKeyRecord k where k.idempotencyKey = :key", Long.class)
                .setParameter("key", key).getSingleResult());
    }
}
