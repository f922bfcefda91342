package cn.yibao.crossregion.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.LockMode;
import org.hibernate.StatelessSession;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes decisions to the audit trail as links of this instance's hash chain
 * ({@code audit.chain-id}), with group commit: one writer thread takes every decision waiting
 * and commits them in one transaction, holding the chain's head once per batch; an acknowledger
 * thread makes committed batches durable and answers them. A decision is acknowledged only after
 * the transaction holding its record has committed and is on disk; while a batch commits or
 * syncs, the next one gathers, so the busier the service, the larger the batches.
 * <p>
 * Records are appended through a {@link StatelessSession}: they are never read back in the
 * transaction that writes them, so a persistence context would only cost time. A record names
 * its {@link DecisionTrace}; a trace is written the first time it is seen.
 */
@ApplicationScoped
public class DecisionRecorder {

    private static final Logger LOG = Logger.getLogger(DecisionRecorder.class);
    /** Traces known to be in the database; a ruleset has a few hundred, forgotten past this many. */
    private static final int MAX_KNOWN_TRACES = 100_000;

    /** A record waiting for the writer, with its canonical form but for its place in the chain (RecordHash). */
    private record Pending(DecisionRecord record, RecordHash.Content content, CompletableFuture<Void> committed) {
    }

    private final String chainId;
    private final int maxBatch;
    private final long waitSeconds;
    private final StatelessSession session;
    private final DiskSync diskSync;
    private final BlockingQueue<Pending> queue;
    private final Set<String> writtenTraces = ConcurrentHashMap.newKeySet();
    /** Batches committed, waiting to be on disk before they are answered. */
    private final BlockingQueue<List<Pending>> committed = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread writer;
    private Thread acknowledger;

    public DecisionRecorder(@ConfigProperty(name = "audit.chain-id", defaultValue = "main") String chainId,
                            @ConfigProperty(name = "audit.max-batch", defaultValue = "200") int maxBatch,
                            @ConfigProperty(name = "audit.max-pending", defaultValue = "5000") int maxPending,
                            @ConfigProperty(name = "audit.commit-timeout-seconds", defaultValue = "30") long waitSeconds,
                            StatelessSession session, DiskSync diskSync) {
        this.chainId = chainId;
        this.maxBatch = maxBatch;
        this.queue = new LinkedBlockingQueue<>(maxPending);
        this.waitSeconds = waitSeconds;
        this.session = session;
        this.diskSync = diskSync;
    }

    void start(@Observes StartupEvent event) {
        startChain();
        running = true;
        writer = new Thread(this::writeBatches, "audit-writer");
        acknowledger = new Thread(this::acknowledgeBatches, "audit-acknowledger");
        writer.start();
        acknowledger.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.interrupt();
            writer.join(TimeUnit.SECONDS.toMillis(waitSeconds));
        }
        if (acknowledger != null) {
            acknowledger.join(TimeUnit.SECONDS.toMillis(waitSeconds));
        }
    }

    /**
     * Queues the decision for the next batch. The future completes once its record has committed;
     * it fails with {@link NotRecordedException}, and the caller must then get no decision, when
     * the audit trail is shutting down, has {@code audit.max-pending} decisions waiting already,
     * cannot write, or has not committed it within {@code audit.commit-timeout-seconds}.
     */
    public CompletableFuture<Void> submit(DecisionEntry entry) {
        if (!running) {
            return CompletableFuture.failedFuture(new NotRecordedException("the audit trail is shutting down", null));
        }
        DecisionRecord record = toRecord(entry);
        Pending pending = new Pending(record, RecordHash.content(record), new CompletableFuture<>());
        if (!queue.offer(pending)) {
            return CompletableFuture.failedFuture(new NotRecordedException(
                    "the audit trail has " + queue.size() + " decisions waiting to be written: too busy", null));
        }
        return pending.committed().orTimeout(waitSeconds, TimeUnit.SECONDS).exceptionallyCompose(failure ->
                CompletableFuture.failedFuture(failure instanceof NotRecordedException ? failure
                        : new NotRecordedException("the decision was not recorded within " + waitSeconds + " s", failure)));
    }

    private void writeBatches() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                if (!running && queue.isEmpty()) {
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    /** One transaction for the batch; if it fails, each decision alone, so that one bad record fails only itself. */
    private void commit(List<Pending> batch) {
        try {
            Set<String> newTraces = QuarkusTransaction.requiringNew().call(() -> append(batch));
            rememberWritten(newTraces);
            committed.add(List.copyOf(batch));
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                Pending failed = batch.get(0);
                LOG.errorf(batchFailed, "decision %s could not be recorded", failed.record().id);
                failed.committed().completeExceptionally(new NotRecordedException("the audit trail could not write the decision", batchFailed));
                return;
            }
            for (Pending pending : batch) {
                commit(List.of(pending));
            }
        }
    }

    /**
     * Makes every batch committed so far durable at once ({@link DiskSync}), then answers them. While
     * it syncs, the writer goes on with the next batch: writing and syncing overlap.
     */
    private void acknowledgeBatches() {
        List<List<Pending>> batches = new ArrayList<>();
        while (running || writer.isAlive() || !committed.isEmpty()) {
            try {
                List<Pending> first = committed.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batches.add(first);
                committed.drainTo(batches);
                acknowledge(batches);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batches.clear();
            }
        }
    }

    private void acknowledge(List<List<Pending>> batches) {
        try {
            diskSync.afterCommit();
            batches.forEach(batch -> batch.forEach(pending -> pending.committed().complete(null)));
        } catch (RuntimeException notOnDisk) {
            LOG.errorf(notOnDisk, "%d committed batches could not be synced to disk; their decisions are not answered", batches.size());
            batches.forEach(batch -> batch.forEach(pending -> pending.committed().completeExceptionally(
                    new NotRecordedException("the audit trail could not write the decision to disk", notOnDisk))));
        }
    }

    /** Appends the batch to the chain; returns the traces it wrote, known to be in the database once it commits. */
    private Set<String> append(List<Pending> batch) {
        session.setJdbcBatchSize(maxBatch);
        AuditChain head = session.get(AuditChain.class, chainId, LockMode.PESSIMISTIC_WRITE);
        Set<String> newTraces = new HashSet<>();
        for (Pending pending : batch) {
            DecisionRecord record = pending.record();
            DecisionTrace trace = record.trace;
            if (!writtenTraces.contains(trace.id) && newTraces.add(trace.id) && session.get(DecisionTrace.class, trace.id) == null) {
                session.insert(trace);
            }
            record.chainId = chainId;
            record.chainSeq = head.lastSeq + 1;
            record.previousHash = head.lastHash;
            record.recordHash = pending.content().link(chainId, record.chainSeq, record.previousHash);
            session.insert(record);
            head.lastSeq = record.chainSeq;
            head.lastHash = record.recordHash;
            head.lastDecisionId = record.id;
        }
        session.update(head);
        return newTraces;
    }

    private void rememberWritten(Set<String> traces) {
        if (writtenTraces.size() + traces.size() > MAX_KNOWN_TRACES) {
            writtenTraces.clear();
        }
        writtenTraces.addAll(traces);
    }

    private void startChain() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (AuditChain.findById(chainId) == null) {
                    AuditChain head = new AuditChain();
                    head.chainId = chainId;
                    head.lastSeq = 0;
                    head.lastHash = AuditChain.GENESIS;
                    head.persist();
                }
            });
        } catch (RuntimeException startedByAnotherInstance) {
            if (QuarkusTransaction.requiringNew().call(() -> AuditChain.findById(chainId)) == null) {
                throw startedByAnotherInstance;
            }
        }
    }

    private static DecisionRecord toRecord(DecisionEntry entry) {
        DecisionRecord record = new DecisionRecord();
        record.id = entry.id();
        record.decisionType = entry.type();
        record.claimId = entry.claimId();
        record.outcome = entry.outcome();
        record.personIdMasked = entry.personIdMasked();
        record.personIdHash = entry.personIdHash();
        record.insuredRegion = entry.insuredRegion();
        record.treatmentRegion = entry.treatmentRegion();
        record.rulesetVersion = entry.rulesetVersion();
        record.evaluatedAt = entry.evaluatedAt();
        record.durationMicros = entry.durationMicros();
        record.requestJson = entry.requestJson();
        record.responseJson = entry.responseJson();
        record.trace = DecisionTrace.of(entry);
        return record;
    }
}
