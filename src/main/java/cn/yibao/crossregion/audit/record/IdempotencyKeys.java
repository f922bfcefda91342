package cn.yibao.crossregion.audit.record;

import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.audit.IdempotencyKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency keys as the audit trail keeps them, each with its decision, for
 * {@code decisions.idempotency.retention}; a key older than that is as good as new, and is
 * deleted every {@code decisions.idempotency.purge-every}. Every method here reads or writes the
 * database: never call one on an event loop.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

    private final IdempotencyConfig config;
    private final EntityManager entityManager;

    public IdempotencyKeys(IdempotencyConfig config, EntityManager entityManager) {
        this.config = config;
        this.entityManager = entityManager;
    }

    /** The decision recorded under the key, unless none is or the key has expired. */
    public Optional<KeyedDecision> find(IdempotencyKey key) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createQuery("""
                        select new cn.yibao.crossregion.audit.record.KeyedDecision(k.requestHash, k.decisionId, r.responseJson)
                        from IdempotencyKeyRecord k join DecisionRecord r on r.id = k.decisionId
                        where k.owner = :owner and k.idempotencyKey = :key and k.createdAt >= :expiredBefore""", KeyedDecision.class)
                .setParameter("owner", key.owner())
                .setParameter("key", key.key())
                .setParameter("expiredBefore", expiredBefore())
                .getResultStream().findFirst());
    }

    /** Deletes the expired keys; returns how many. */
    public long purgeExpired() {
        return QuarkusTransaction.requiringNew().call(() -> IdempotencyKeyRecord.delete("createdAt < ?1", expiredBefore()));
    }

    @Scheduled(every = "${decisions.idempotency.purge-every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOnSchedule() {
        try {
            long purged = purgeExpired();
            if (purged > 0) {
                LOG.infof("purged %d idempotency keys older than %s", purged, config.retention());
            }
        } catch (RuntimeException e) {
            LOG.warnf("cannot purge expired idempotency keys, trying again later: %s", e.getMessage());
        }
    }

    /** Keys made before this instant have expired. */
    Instant expiredBefore() {
        return Instant.now().minus(config.retention());
    }
}
