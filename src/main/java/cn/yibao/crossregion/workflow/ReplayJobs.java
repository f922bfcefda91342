package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.rules.Ruleset;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Replays as jobs (API.md "Replays as jobs"): each reads its window a chunk at a time, in short
 * transactions of its own, and re-decides each chunk on every core; progress, changes and a cancel
 * are there while it runs. Jobs are kept in this instance's memory (the last {@code replay.jobs-kept});
 * a replay records nothing, so a restart loses only the report.
 */
@ApplicationScoped
public class ReplayJobs {

    private static final Logger LOG = Logger.getLogger(ReplayJobs.class);

    private final ReplayService replays;
    private final int chunkSize;
    private final int maxChangesKept;
    private final int jobsKept;
    private final int workers = Runtime.getRuntime().availableProcessors();
    private final ExecutorService jobThreads = Executors.newFixedThreadPool(2, daemon("replay-job"));
    private final ExecutorService deciders = Executors.newFixedThreadPool(workers, daemon("replay-decider"));
    private final ExecutorService readers = Executors.newCachedThreadPool(daemon("replay-reader"));
    private final Map<String, ReplayJob> jobs = new LinkedHashMap<>();

    public ReplayJobs(ReplayService replays,
                      @ConfigProperty(name = "replay.chunk-size", defaultValue = "2000") int chunkSize,
                      @ConfigProperty(name = "replay.max-changes-kept", defaultValue = "100000") int maxChangesKept,
                      @ConfigProperty(name = "replay.jobs-kept", defaultValue = "20") int jobsKept) {
        this.replays = replays;
        this.chunkSize = chunkSize;
        this.maxChangesKept = maxChangesKept;
        this.jobsKept = jobsKept;
    }

    /** Starts a replay; the candidate is compiled first, so that an unknown version fails here (404). */
    public ReplayJob start(ReplayService.Query query) {
        Ruleset candidate = replays.candidate(query.candidate());
        ReplayJob job = new ReplayJob(UUID.randomUUID().toString(), query, replays.count(query), maxChangesKept);
        remember(job);
        jobThreads.submit(() -> run(job, candidate));
        return job;
    }

    public Optional<ReplayJob> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    private void run(ReplayJob job, Ruleset candidate) {
        try {
            long left = job.query().limit();
            // The next chunk is read while this one is re-decided: reading and deciding each keep their own core busy.
            Future<List<ReplayService.Recorded>> reading = readAhead(job, null, left);
            while (left > 0 && !job.cancelRequested()) {
                List<ReplayService.Recorded> chunk = reading.get();
                if (chunk.isEmpty()) {
                    break;
                }
                left -= chunk.size();
                reading = readAhead(job, chunk.get(chunk.size() - 1), left);
                job.compared(chunk.size(), compareOnEveryCore(chunk, candidate));
            }
            reading.cancel(false);
            job.end(job.cancelRequested() ? ReplayJob.Status.CANCELLED : ReplayJob.Status.DONE, null);
        } catch (RuntimeException | InterruptedException | ExecutionException e) {
            LOG.errorf(e, "replay %s failed", job.id);
            job.end(ReplayJob.Status.FAILED, e instanceof ExecutionException ? String.valueOf(e.getCause()) : String.valueOf(e));
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Future<List<ReplayService.Recorded>> readAhead(ReplayJob job, ReplayService.Recorded after, long left) {
        return left <= 0 ? CompletableFuture.completedFuture(List.of())
                : readers.submit(() -> replays.chunk(job.query(), after, (int) Math.min(chunkSize, left)));
    }

    private List<ReplayService.Change> compareOnEveryCore(List<ReplayService.Recorded> chunk, Ruleset candidate)
            throws InterruptedException, ExecutionException {
        int slice = (chunk.size() + workers - 1) / workers;
        List<Future<List<ReplayService.Change>>> parts = new ArrayList<>();
        for (int from = 0; from < chunk.size(); from += slice) {
            List<ReplayService.Recorded> part = chunk.subList(from, Math.min(chunk.size(), from + slice));
            parts.add(deciders.submit(() -> {
                List<ReplayService.Change> changes = new ArrayList<>();
                part.forEach(recorded -> replays.compare(recorded, candidate).ifPresent(changes::add));
                return changes;
            }));
        }
        List<ReplayService.Change> changes = new ArrayList<>();
        for (Future<List<ReplayService.Change>> part : parts) {
            changes.addAll(part.get());
        }
        return changes;
    }

    private void remember(ReplayJob job) {
        synchronized (jobs) {
            jobs.put(job.id, job);
            var oldest = jobs.values().iterator();
            while (jobs.size() > jobsKept && oldest.hasNext()) {
                if (oldest.next().status() != ReplayJob.Status.RUNNING) {
                    oldest.remove();
                }
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        synchronized (jobs) {
            jobs.values().forEach(ReplayJob::cancel);
        }
        jobThreads.shutdownNow();
        deciders.shutdownNow();
        readers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
