package cn.yibao.crossregion.workflow;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One replay under way or finished (API.md "Replays as jobs"): its progress, what changed so far,
 * and a histogram of the payable changes. Written by the job's threads, read by any request.
 */
public final class ReplayJob {

    public enum Status { RUNNING, DONE, CANCELLED, FAILED }

    /** Edges of the payable-change histogram, in yuan: a picture of how much moved, not a policy number. */
    private static final BigDecimal[] EDGES = {new BigDecimal("-1000"), new BigDecimal("-100"), new BigDecimal("-10"),
            new BigDecimal("-1"), BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.TEN, new BigDecimal("100"), new BigDecimal("1000")};

    public record Bucket(String range, long count) {
    }

    /** The job as the API shows it. */
    public record View(String replayId, Status status, String candidate, ReplayService.By by, long total, long done,
                       long compared, long changed, Map<String, Long> transitions, ReplayService.PayableDelta payableDelta,
                       List<Bucket> histogram, long perSecond, Instant startedAt, Instant finishedAt, String error,
                       boolean changesTruncated) {
    }

    final String id;
    final ReplayService.Query query;
    final long total;
    final int maxChangesKept;
    final CompletableFuture<ReplayJob> finished = new CompletableFuture<>();
    private final Instant startedAt = Instant.now();
    private final AtomicLong done = new AtomicLong();
    private final List<ReplayService.Change> changes = new ArrayList<>();
    private final Map<String, Long> transitions = new TreeMap<>();
    private final long[] histogram = new long[EDGES.length + 1];
    private long changed;
    private BigDecimal deltaTotal = BigDecimal.ZERO;
    private BigDecimal deltaMin;
    private BigDecimal deltaMax;
    private volatile Status status = Status.RUNNING;
    private volatile boolean cancelRequested;
    private volatile Instant finishedAt;
    private volatile String error;

    ReplayJob(String id, ReplayService.Query query, long total, int maxChangesKept) {
        this.id = id;
        this.query = query;
        this.total = total;
        this.maxChangesKept = maxChangesKept;
    }

    /** Counts a chunk's comparisons and keeps its changes. */
    ReplayService.Query query() {
        return query;
    }

    synchronized void compared(int count, List<ReplayService.Change> chunkChanges) {
        done.addAndGet(count);
        for (ReplayService.Change change : chunkChanges) {
            changed++;
            if (changes.size() < maxChangesKept) {
                changes.add(change);
            }
            if (!change.before().outcome().equals(change.after().outcome())) {
                transitions.merge(change.before().outcome() + "→" + change.after().outcome(), 1L, Long::sum);
            }
            BigDecimal delta = ReplayService.delta(change);
            deltaTotal = deltaTotal.add(delta);
            deltaMin = deltaMin == null ? delta : deltaMin.min(delta);
            deltaMax = deltaMax == null ? delta : deltaMax.max(delta);
            histogram[bucketOf(delta)]++;
        }
    }

    void cancel() {
        cancelRequested = true;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    void end(Status end, String failure) {
        error = failure;
        finishedAt = Instant.now();
        status = end;
        finished.complete(this);
    }

    public Status status() {
        return status;
    }

    /** A page of the changes kept, from {@code offset}. */
    public synchronized List<ReplayService.Change> changes(int offset, int size) {
        return List.copyOf(changes.subList(Math.min(offset, changes.size()), Math.min(offset + size, changes.size())));
    }

    public synchronized int changesKept() {
        return changes.size();
    }

    public synchronized View view() {
        long compared = done.get();
        Instant end = finishedAt == null ? Instant.now() : finishedAt;
        long millis = Math.max(1, Duration.between(startedAt, end).toMillis());
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < histogram.length; i++) {
            buckets.add(new Bucket(range(i), histogram[i]));
        }
        return new View(id, status, query.candidate(), query.by(), total, compared, compared, changed, new LinkedHashMap<>(transitions),
                new ReplayService.PayableDelta(deltaTotal, deltaMin == null ? BigDecimal.ZERO : deltaMin,
                        deltaMax == null ? BigDecimal.ZERO : deltaMax),
                buckets, compared * 1000 / millis, startedAt, finishedAt, error, changed > changes.size());
    }

    private static int bucketOf(BigDecimal delta) {
        int bucket = 0;
        while (bucket < EDGES.length && delta.compareTo(EDGES[bucket]) >= 0) {
            bucket++;
        }
        return bucket;
    }

    private static String range(int bucket) {
        String from = bucket == 0 ? "" : EDGES[bucket - 1].toPlainString();
        String to = bucket == EDGES.length ? "" : EDGES[bucket].toPlainString();
        return "[" + from + "," + to + ")";
    }
}
