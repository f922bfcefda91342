package cn.yibao.crossregion.audit.record;

import cn.yibao.crossregion.audit.AuditChain;
import cn.yibao.crossregion.audit.DecisionEntry;
import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.audit.DecisionTrace;
import cn.yibao.crossregion.audit.DeflatedJson;
import cn.yibao.crossregion.audit.IdempotencyKey;
import cn.yibao.crossregion.audit.RecordHash;
import cn.yibao.crossregion.audit.RecordedPayable;
import cn.yibao.crossregion.audit.transparency.Checkpointer;
import cn.yibao.crossregion.audit.transparency.Frontier;
import cn.yibao.crossregion.audit.transparency.TreeWriter;
import cn.yibao.crossregion.ops.AuditWriterMetrics;
import cn.yibao.crossregion.ops.DecisionLogContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.LockMode;
import org.hibernate.StatelessSession;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes decisions to the audit trail as links of this instance's hash chain
 * ({@code audit.chain-id}), with group commit: one writer thread takes every decision waiting
 * and commits them in one transaction, holding the chain's head once per batch; an acknowledger
 * thread makes committed batches durable and answers them. A decision is acknowledged only after
 * the transaction holding its record has committed and is on disk; while a batch commits or
 * syncs, the next one gathers, so the busier the service, the larger the batches.
 * <p>
 * Each decision has one answer, given once its outcome is known: a decision still waiting when
 * {@code audit.commit-timeout-seconds} pass is withdrawn (the writer skips it) and answered
 * {@link NotRecordedException}; once the writer has taken it, its transaction decides. Answers are
 * given on the caller's own Vert.x context, so that what follows them (the log line, the HTTP
 * response) runs on the caller's event loop, not one after another on the acknowledger.
 * <p>
 * Records are appended through a {@link StatelessSession}: they are never read back in the
 * transaction that writes them, so a persistence context would only cost time. A record names
 * its {@link DecisionTrace}; a trace is written the first time it is seen. (Hibernate 6.6 and
 * later insert an entity's element collections with it, so a trace's reasons and rules too.)
 * <p>
 * A decision made with an idempotency key is written with the key's row, in the same
 * transaction. A key that another decision holds already fails the batch, which is then written
 * one decision at a time; the decision that finds its key taken is not recorded, and is answered
 * {@link KeyAlreadyUsedException} with the decision that holds the key, once that one is on disk.
 * <p>
 * Each link is also appended, in the same transaction, as a leaf of the chain's Merkle tree
 * ({@link TreeWriter}); the {@link Checkpointer} signs the tree as committed, on its own schedule.
 */
@ApplicationScoped
public class DecisionRecorder {

    private static final Logger LOG = Logger.getLogger(DecisionRecorder.class);
    /** Traces known to be in the database; a ruleset has a few hundred, forgotten past this many. */
    private static final int MAX_KNOWN_TRACES = 100_000;

    /** A decision waiting for the writer, with its canonical form but for its place in the chain (RecordHash). */
    private static final class Pending {
        final DecisionRecord record;
        final RecordHash.Content content;
        /** Its JSON as stored, deflated here on the deciding thread: the one writer thread only inserts it. */
        final RecordInsert.Row row;
        /** The caller's idempotency key, or null. */
        final IdempotencyKey key;
        final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        private final Context callerContext = Vertx.currentContext();
        private final AtomicBoolean claimed = new AtomicBoolean();
        /** The decision that took this one's key first, found by the writer; this one was not recorded then. */
        private KeyedDecision keyTakenBy;

        Pending(DecisionRecord record, IdempotencyKey key) {
            this.record = record;
            this.content = RecordHash.content(record);
            this.row = new RecordInsert.Row(record, DeflatedJson.deflate(record.requestJson), DeflatedJson.deflate(record.responseJson));
            this.key = key;
        }

        /** Answers once the batch it came with is on disk (notOnDisk: it is not). */
        void answerCommitted(Throwable notOnDisk) {
            if (notOnDisk != null) {
                answer(new UnconfirmedRecordException(keyTakenBy == null ? record.id : keyTakenBy.decisionId(), notOnDisk));
            } else {
                answer(keyTakenBy == null ? null : new KeyAlreadyUsedException(keyTakenBy));
            }
        }

        /** True for the one party that settles this decision: the writer, or the timeout before it. */
        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        void answer(Throwable failure) {
            Runnable settle = failure == null ? () -> acknowledged.complete(null) : () -> acknowledged.completeExceptionally(failure);
            if (callerContext == null) {
                settle.run();
            } else {
                callerContext.runOnContext(ignored -> settle.run());
            }
        }
    }

    private final String chainId;
    private final int maxBatch;
    private final int maxPending;
    private final long waitSeconds;
    private final StatelessSession session;
    private final DiskSync diskSync;
    private final IdempotencyKeys keys;
    private final AuditWriterMetrics metrics;
    private final DecisionStatsWriter stats;
    private final TreeWriter tree;
    private final TreeBackfill backfill;
    private final Checkpointer checkpointer;
    private final BlockingQueue<Pending> queue;
    /** Only the writer thread reads and writes it. */
    private final Set<String> writtenTraces = new HashSet<>();
    /** Batches committed, waiting to be on disk before they are answered; bounded, so a slow disk holds the writer back. */
    private final BlockingQueue<List<Pending>> committedBatches;
    private final ScheduledThreadPoolExecutor timeouts = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "audit-timeouts");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;
    private Thread writer;
    private Thread acknowledger;

    public DecisionRecorder(@ConfigProperty(name = "audit.chain-id", defaultValue = "main") String chainId,
                            @ConfigProperty(name = "audit.max-batch", defaultValue = "200") int maxBatch,
                            @ConfigProperty(name = "audit.max-pending", defaultValue = "5000") int maxPending,
                            @ConfigProperty(name = "audit.commit-timeout-seconds", defaultValue = "30") long waitSeconds,
                            StatelessSession session, DiskSync diskSync, IdempotencyKeys keys, AuditWriterMetrics metrics,
                            DecisionStatsWriter stats, TreeWriter tree, TreeBackfill backfill, Checkpointer checkpointer) {
        this.chainId = chainId;
        this.maxBatch = maxBatch;
        this.maxPending = maxPending;
        this.queue = new LinkedBlockingQueue<>(maxPending);
        this.committedBatches = new LinkedBlockingQueue<>(Math.max(1, maxPending / maxBatch));
        this.waitSeconds = waitSeconds;
        this.session = session;
        this.diskSync = diskSync;
        this.keys = keys;
        this.metrics = metrics;
        this.stats = stats;
        this.tree = tree;
        this.backfill = backfill;
        this.checkpointer = checkpointer;
        metrics.watchQueue(queue);
        timeouts.setRemoveOnCancelPolicy(true);
    }

    void start(@Observes StartupEvent event) {
        startChain();
        backfill.allChains();
        publishTree();
        running = true;
        writer = new Thread(this::writeBatches, "audit-writer");
        acknowledger = new Thread(this::acknowledgeBatches, "audit-acknowledger");
        writer.start();
        acknowledger.start();
    }

    /** Writes and answers what is queued, then refuses what is left (only what raced the stop). */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.join(TimeUnit.SECONDS.toMillis(waitSeconds));
        }
        if (acknowledger != null) {
            acknowledger.join(TimeUnit.SECONDS.toMillis(waitSeconds));
        }
        for (Pending left; (left = queue.poll()) != null; ) {
            refuse(left, NotRecordedException.Reason.SHUTDOWN, "the audit trail is shutting down");
        }
        timeouts.shutdownNow();
        try {
            checkpointer.issueIfGrown();
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not sign the last checkpoint of chain %s at shutdown", chainId);
        }
    }

    /**
     * Queues the decision for the next batch. The future completes once its record is committed
     * and on disk. It fails with {@link NotRecordedException}, and the caller must then get no
     * decision, when the audit trail is shutting down, has {@code audit.max-pending} decisions
     * waiting already, could not write it, or did not start writing it within
     * {@code audit.commit-timeout-seconds}; with {@link UnconfirmedRecordException} when it was
     * committed but could not be confirmed on disk.
     */
    public CompletableFuture<Void> submit(DecisionEntry entry) {
        if (!running) {
            return CompletableFuture.failedFuture(new NotRecordedException(NotRecordedException.Reason.SHUTDOWN, entry.id(),
                    "the audit trail is shutting down", null));
        }
        Pending pending = new Pending(toRecord(entry), entry.idempotencyKey());
        if (!queue.offer(pending)) {
            return CompletableFuture.failedFuture(new NotRecordedException(NotRecordedException.Reason.BUSY, entry.id(),
                    "the audit trail has " + maxPending + " decisions waiting to be written: too busy", null));
        }
        if (!running && queue.remove(pending)) {
            refuse(pending, NotRecordedException.Reason.SHUTDOWN, "the audit trail is shutting down");
            return pending.acknowledged;
        }
        ScheduledFuture<?> timeout = timeouts.schedule(
                () -> refuse(pending, NotRecordedException.Reason.TIMEOUT, "the decision was not recorded within " + waitSeconds + " s"),
                waitSeconds, TimeUnit.SECONDS);
        pending.acknowledged.whenComplete((done, failure) -> timeout.cancel(false));
        return pending.acknowledged;
    }

    private static void refuse(Pending pending, NotRecordedException.Reason reason, String why) {
        if (pending.claim()) {
            pending.answer(new NotRecordedException(reason, pending.record.id, why, null));
        }
    }

    private void writeBatches() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        List<Pending> written = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                batch.removeIf(timedOut -> !timedOut.claim());
                long started = System.nanoTime();
                commit(batch, written);
                if (!written.isEmpty()) {
                    metrics.committed(written.size(), System.nanoTime() - started);
                    committedBatches.put(List.copyOf(written));
                }
            } catch (InterruptedException e) {
                written.forEach(pending -> pending.answerCommitted(e));
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
                written.clear();
            }
        }
    }

    /**
     * One transaction for the batch; if it fails, each decision alone, so that one bad record fails
     * only itself. Adds what committed to {@code written}. Any failure, an {@link Error} too, fails
     * only the decisions it concerns: the writer outlives it.
     */
    private void commit(List<Pending> batch, List<Pending> written) {
        commit(batch, written, true);
    }

    private void commit(List<Pending> batch, List<Pending> written, boolean firstTry) {
        Appended appended;
        try {
            appended = QuarkusTransaction.requiringNew().call(() -> append(batch));
        } catch (Throwable batchFailed) {
            writtenTraces.clear();
            tree.forget(chainId);
            if (batch.size() == 1) {
                Pending failed = batch.get(0);
                Optional<KeyedDecision> keyTakenBy = decisionHolding(failed.key);
                if (keyTakenBy.isPresent()) {
                    LOG.debugf("decision %s is not recorded: its idempotency key is held by decision %s", failed.record.id, keyTakenBy.get().decisionId());
                    failed.keyTakenBy = keyTakenBy.get();
                    written.add(failed);
                    return;
                }
                if (firstTry && isDuplicateKey(batchFailed)) {
                    // Another instance wrote the same new trace at the same moment. The database held this
                    // insert until that one had committed, so a second try finds the trace and adds only the record.
                    commit(batch, written, false);
                    return;
                }
                try (var logged = DecisionLogContext.of(failed.record.id)) {
                    LOG.errorf(batchFailed, "decision %s could not be recorded", failed.record.id);
                }
                failed.answer(new NotRecordedException(NotRecordedException.Reason.FAILED, failed.record.id,
                        "the audit trail could not write the decision", batchFailed));
            } else {
                batch.forEach(pending -> commit(List.of(pending), written, true));
            }
            return;
        }
        tree.committed(chainId, appended.tree());
        rememberWritten(appended.traces());
        written.addAll(batch);
    }

    /** A unique key was violated (SQLState 23505, on PostgreSQL and H2 alike). */
    private static boolean isDuplicateKey(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The decision that holds the key, if a decision with this key failed because another took it
     * first: that one has committed by now (on another instance, the database held this insert until it had).
     */
    private Optional<KeyedDecision> decisionHolding(IdempotencyKey key) {
        if (key == null) {
            return Optional.empty();
        }
        try {
            return keys.find(key);
        } catch (RuntimeException e) {
            LOG.warnf("cannot look up idempotency key after a failed write: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Makes every batch committed so far durable at once ({@link DiskSync}), then answers them. While
     * it syncs, the writer goes on with the next batch: writing and syncing overlap.
     */
    private void acknowledgeBatches() {
        List<List<Pending>> batches = new ArrayList<>();
        while (running || writer.isAlive() || !committedBatches.isEmpty()) {
            try {
                List<Pending> first = committedBatches.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batches.add(first);
                committedBatches.drainTo(batches);
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
        Throwable notOnDisk = null;
        long started = System.nanoTime();
        try {
            diskSync.afterCommit();
        } catch (Throwable e) {
            LOG.errorf(e, "%d committed batches could not be synced to disk; their decisions are answered 503 with their ids", batches.size());
            notOnDisk = e;
        }
        metrics.synced(System.nanoTime() - started);
        for (List<Pending> batch : batches) {
            for (Pending pending : batch) {
                pending.answerCommitted(notOnDisk);
            }
        }
    }

    /** What a batch appended: the traces it wrote or found, known to be in the database once it commits, and the chain's tree. */
    private record Appended(Set<String> traces, Frontier tree) {
    }

    /** Appends the batch to the chain and its tree. */
    private Appended append(List<Pending> batch) {
        // Records and tree nodes go as JDBC batches of their own (RecordInsert, TreeStore); what is left
        // to Hibernate (a new trace, a key, the head) is rare or one a batch, and must reach the database
        // in the order written: a trace before the records that name it, a key after its record.
        session.setJdbcBatchSize(1);
        AuditChain head = session.get(AuditChain.class, chainId, LockMode.PESSIMISTIC_WRITE);
        Frontier frontier = tree.frontierAt(chainId, head.lastSeq).orElseGet(() -> backfill.catchUp(chainId, head.lastSeq));
        deleteExpiredKeys(batch);
        Set<String> tracesSeen = new HashSet<>();
        List<byte[]> leaves = new ArrayList<>(batch.size());
        List<RecordInsert.Row> rows = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            DecisionRecord record = pending.record;
            DecisionTrace trace = record.trace;
            if (!writtenTraces.contains(trace.id) && tracesSeen.add(trace.id) && session.get(DecisionTrace.class, trace.id) == null) {
                session.insert(trace);
            }
            record.chainId = chainId;
            record.chainSeq = head.lastSeq + 1;
            record.previousHash = head.lastHash;
            byte[] leaf = pending.content.leaf(chainId, record.chainSeq, record.previousHash);
            record.recordHash = RecordHash.linkOf(leaf);
            rows.add(pending.row);
            leaves.add(leaf);
            head.lastSeq = record.chainSeq;
            head.lastHash = record.recordHash;
            head.lastDecisionId = record.id;
        }
        session.doWork(connection -> RecordInsert.insert(connection, rows));
        tree.appendAll(chainId, frontier, leaves);
        insertKeys(batch);
        stats.add(session, chainId, batch.stream().map(pending -> pending.record).toList());
        session.update(head);
        return new Appended(tracesSeen, frontier);
    }

    /** An expired key is a new key: its old row makes way for the decision that uses it now. */
    private void deleteExpiredKeys(List<Pending> batch) {
        Instant expiredBefore = null;
        for (Pending pending : batch) {
            if (pending.key != null) {
                expiredBefore = expiredBefore == null ? keys.expiredBefore() : expiredBefore;
                session.createMutationQuery("delete from IdempotencyKeyRecord where owner = :owner and idempotencyKey = :key and createdAt < :expiredBefore")
                        .setParameter("owner", pending.key.owner()).setParameter("key", pending.key.key())
                        .setParameter("expiredBefore", expiredBefore).executeUpdate();
            }
        }
    }

    /**
     * After the records they name, all in one JDBC batch, in key order: two instances' batches
     * that share keys then wait for each other instead of deadlocking.
     */
    private void insertKeys(List<Pending> batch) {
        batch.stream().filter(pending -> pending.key != null)
                .map(pending -> IdempotencyKeyRecord.of(pending.key, pending.record))
                .sorted(Comparator.comparing((IdempotencyKeyRecord row) -> row.owner).thenComparing(row -> row.idempotencyKey))
                .forEach(session::insert);
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

    /** The chain's tree as it stands at start, for the checkpointer to sign what it has not signed yet. */
    private void publishTree() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                AuditChain head = AuditChain.findById(chainId);
                tree.frontierAt(chainId, head.lastSeq).ifPresent(frontier -> tree.committed(chainId, frontier));
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "the Merkle tree of chain %s does not match its head; GET /api/v1/audit/verify tells why", chainId);
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
        record.policyDate = entry.policyDate();
        record.timelineEntry = entry.timelineEntry();
        record.evaluatedAt = entry.evaluatedAt();
        record.durationMicros = entry.durationMicros();
        record.requestJson = entry.requestJson();
        record.responseJson = entry.responseJson();
        record.payable = RecordedPayable.of(entry.responseJson());
        record.trace = DecisionTrace.of(entry);
        return record;
    }
}
