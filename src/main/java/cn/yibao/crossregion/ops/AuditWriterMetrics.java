package cn.yibao.crossregion.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What operators watch of the audit writer at /q/metrics (management port): decisions waiting to
 * be written ({@code audit_queue_depth}), decisions per committed batch ({@code audit_batch_size}),
 * the time to commit a batch ({@code audit_commit_seconds}) and to sync committed batches to disk
 * ({@code audit_disk_sync_seconds}), and the decisions answered 503 because the trail could not
 * record or confirm them ({@code audit_unavailable_total}, by reason).
 */
@ApplicationScoped
public class AuditWriterMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Timer commitTime;
    private final Timer diskSyncTime;
    private final Map<String, Counter> unavailable = new ConcurrentHashMap<>();

    public AuditWriterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("audit_batch_size")
                .description("Decisions committed in one transaction of the audit writer").register(registry);
        this.commitTime = Timer.builder("audit_commit").description("Time to commit one batch of decisions (a failed batch retried one by one included)")
                .register(registry);
        this.diskSyncTime = Timer.builder("audit_disk_sync").description("Time to make the batches committed meanwhile durable on disk")
                .register(registry);
    }

    /** Watches the writer's queue: {@code audit_queue_depth} is its size whenever it is scraped. */
    public void watchQueue(Collection<?> queue) {
        Gauge.builder("audit_queue_depth", queue, Collection::size).description("Decisions waiting for the audit writer")
                .register(registry);
    }

    public void committed(int decisions, long nanos) {
        batchSize.record(decisions);
        commitTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void synced(long nanos) {
        diskSyncTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A decision answered 503 for this reason: busy, timeout, shutdown, failed or unconfirmed. */
    public void unavailable(String reason) {
        unavailable.computeIfAbsent(reason, key -> Counter.builder("audit_unavailable")
                .description("Decisions answered 503 because the audit trail did not record or confirm them, by reason")
                .tags("reason", key.toLowerCase(Locale.ROOT)).register(registry)).increment();
    }
}
