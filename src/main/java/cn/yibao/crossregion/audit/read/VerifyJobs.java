package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.audit.AuditChain;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The full check of the trail (AuditVerifier) as a job with progress, one at a time per instance.
 * The last finished result and its age are metrics ({@code audit_verify_last_ok},
 * {@code audit_verify_last_age_seconds}, {@code audit_verify_last_records_per_second}) and are shown
 * on the auditors' page, so that a trail nobody has checked for a week is visible.
 */
@ApplicationScoped
public class VerifyJobs {

    private static final Logger LOG = Logger.getLogger(VerifyJobs.class);

    public enum Status { RUNNING, DONE, FAILED }

    /** A job as the API shows it; {@code report} once it is done. */
    public record View(String jobId, Status status, long total, long checked, long perSecond, Instant startedAt,
                       Instant finishedAt, AuditVerifier.Report report, String error) {
    }

    private static final class Job {
        final String id = UUID.randomUUID().toString();
        final Instant startedAt = Instant.now();
        final long total;
        final AtomicLong checked = new AtomicLong();
        volatile Status status = Status.RUNNING;
        volatile Instant finishedAt;
        volatile AuditVerifier.Report report;
        volatile String error;

        Job(long total) {
            this.total = total;
        }

        View view() {
            Instant end = finishedAt == null ? Instant.now() : finishedAt;
            long done = report == null ? checked.get() : report.checked();
            long perSecond = done * 1000 / Math.max(1, Duration.between(startedAt, end).toMillis());
            return new View(id, status, total, done, perSecond, startedAt, finishedAt, report, error);
        }
    }

    private final AuditVerifier verifier;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread verifying = new Thread(task, "audit-verify");
        verifying.setDaemon(true);
        return verifying;
    });
    private final AtomicReference<Job> current = new AtomicReference<>();
    private final AtomicReference<Job> lastFinished = new AtomicReference<>();

    public VerifyJobs(AuditVerifier verifier, MeterRegistry registry) {
        this.verifier = verifier;
        Gauge.builder("audit_verify_last_ok", this, jobs -> jobs.last().map(view -> view.report() != null && view.report().ok() ? 1.0 : 0.0)
                        .orElse(Double.NaN))
                .description("1 if the last full check of the audit trail found it intact, 0 if not or if it failed; NaN before the first")
                .register(registry);
        Gauge.builder("audit_verify_last_age_seconds", this, jobs -> jobs.last()
                        .map(view -> (double) Duration.between(view.finishedAt(), Instant.now()).toSeconds()).orElse(Double.NaN))
                .description("Seconds since the last full check of the audit trail finished").register(registry);
        Gauge.builder("audit_verify_last_records_per_second", this, jobs -> jobs.last().map(view -> (double) view.perSecond()).orElse(Double.NaN))
                .description("Records checked per second by the last full check").register(registry);
    }

    /** Starts a full check, or answers the one under way. */
    public View start() {
        Job running = current.get();
        if (running != null && running.status == Status.RUNNING) {
            return running.view();
        }
        long total = QuarkusTransaction.requiringNew().call(
                () -> AuditChain.<AuditChain>listAll().stream().mapToLong(chain -> chain.lastSeq).sum());
        Job job = new Job(total);
        if (!current.compareAndSet(running, job)) {
            return current.get().view();
        }
        thread.submit(() -> run(job));
        return job.view();
    }

    public Optional<View> find(String jobId) {
        Job running = current.get();
        return running != null && running.id.equals(jobId) ? Optional.of(running.view()) : Optional.empty();
    }

    /** The last check that finished, if any since this instance started. */
    public Optional<View> last() {
        return Optional.ofNullable(lastFinished.get()).map(Job::view);
    }

    private void run(Job job) {
        try {
            job.report = verifier.verify(job.checked::set);
            job.status = Status.DONE;
        } catch (RuntimeException e) {
            LOG.errorf(e, "the full check of the audit trail %s failed", job.id);
            job.error = String.valueOf(e);
            job.status = Status.FAILED;
        } finally {
            job.finishedAt = Instant.now();
            lastFinished.set(job);
        }
    }
}
