package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.rules.FiredRule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes decisions to the audit trail as links of this instance's hash chain
 * ({@code audit.chain-id}), with group commit: one writer thread takes every decision waiting
 * and commits them in one transaction, holding the chain's head once per batch. A request is
 * answered only after the transaction holding its record has committed; while a batch commits,
 * the next one gathers, so the busier the service, the larger the batches.
 */
@ApplicationScoped
public class DecisionRecorder {

    private static final Logger LOG = Logger.getLogger(DecisionRecorder.class);

    private record Pending(DecisionEntry entry, CompletableFuture<Void> committed) {
    }

    private final String chainId;
    private final int maxBatch;
    private final long waitSeconds;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread writer;

    public DecisionRecorder(@ConfigProperty(name = "audit.chain-id", defaultValue = "main") String chainId,
                            @ConfigProperty(name = "audit.max-batch", defaultValue = "200") int maxBatch,
                            @ConfigProperty(name = "audit.commit-timeout-seconds", defaultValue = "30") long waitSeconds) {
        this.chainId = chainId;
        this.maxBatch = maxBatch;
        this.waitSeconds = waitSeconds;
    }

    void start(@Observes StartupEvent event) {
        startChain();
        running = true;
        writer = new Thread(this::writeBatches, "audit-writer");
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.interrupt();
            writer.join(TimeUnit.SECONDS.toMillis(waitSeconds));
        }
    }

    /** Records the decision; returns once it is committed, or throws (and the caller gets no answer). */
    public void record(DecisionEntry entry) {
        if (!running) {
            throw new IllegalStateException("the audit trail is not accepting decisions (shutting down)");
        }
        Pending pending = new Pending(entry, new CompletableFuture<>());
        queue.add(pending);
        try {
            pending.committed().get(waitSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the decision was being recorded", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the decision could not be recorded", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the decision was not recorded within " + waitSeconds + " s", e);
        }
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
            QuarkusTransaction.requiringNew().run(() -> append(batch.stream().map(Pending::entry).toList()));
            batch.forEach(pending -> pending.committed().complete(null));
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                LOG.errorf(batchFailed, "decision %s could not be recorded", batch.get(0).entry().id());
                batch.get(0).committed().completeExceptionally(batchFailed);
                return;
            }
            for (Pending pending : batch) {
                commit(List.of(pending));
            }
        }
    }

    private void append(List<DecisionEntry> entries) {
        AuditChain head = AuditChain.findById(chainId, LockModeType.PESSIMISTIC_WRITE);
        for (DecisionEntry entry : entries) {
            DecisionRecord record = toRecord(entry);
            record.chainId = chainId;
            record.chainSeq = head.lastSeq + 1;
            record.previousHash = head.lastHash;
            record.recordHash = RecordHash.of(record);
            record.persist();
            head.lastSeq = record.chainSeq;
            head.lastHash = record.recordHash;
            head.lastDecisionId = record.id;
        }
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
        record.reasonCodes.addAll(entry.reasonCodes());
        for (FiredRule fired : entry.firedRules()) {
            if (FiredRule.DRL.equals(fired.engine())) {
                record.firedRules.add(row(fired, fired.name(), null));
            } else if (fired.rows().isEmpty()) {
                record.firedRules.add(row(fired, fired.model() + "/" + fired.decision(), null));
            } else {
                for (int i = 0; i < fired.rows().size(); i++) {
                    record.firedRules.add(row(fired, fired.keys().get(i), fired.rows().get(i)));
                }
            }
        }
        return record;
    }

    private static FiredRuleRow row(FiredRule fired, String key, Integer dmnRow) {
        FiredRuleRow row = new FiredRuleRow();
        row.engine = fired.engine();
        row.ruleKey = key;
        row.file = fired.file();
        row.dmnModel = fired.model();
        row.dmnDecision = fired.decision();
        row.dmnRow = dmnRow;
        return row;
    }
}
