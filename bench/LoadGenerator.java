import cn.yibao.crossregion.rules.RulesetSource;
import cn.yibao.crossregion.scenarios.Scenario;
import cn.yibao.crossregion.scenarios.ScenarioSuite;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the service from a second process on 127.0.0.1 with the shipped scenarios' claims and
 * filings, at several concurrency levels, and the no-op endpoint at the same levels; prints
 * decisions/s, p50/p95/p99 latency, errors, the ratio to the no-op rate and the service's CPU time
 * per decision (which holds when the machine is busy with something else); then checks that the
 * number of recorded decisions equals the number of 200s. Bounded in requests and time.
 *
 * java -cp target/classes:$(cat target/bench-classpath.txt) bench/LoadGenerator.java URL USER:PASSWORD LEVELS SECONDS MAX_REQUESTS [SERVICE_PID]
 */
public class LoadGenerator {

    record Level(int threads, long requests, long errors, double perSecond, double p50, double p95, double p99) {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String auth = "Basic " + Base64.getEncoder().encodeToString(args[1].getBytes(StandardCharsets.UTF_8));
        int[] levels = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.parseInt(args[3]);
        long maxRequests = Long.parseLong(args[4]);
        String servicePid = args.length > 5 ? args[5] : null;

        ObjectMapper json = new ObjectMapper();
        List<Scenario> scenarios = ScenarioSuite.parse(RulesetSource.read(Path.of("rules-drl"), Path.of("rules-dmn"), Path.of("rules-tests")), new ArrayList<>());
        List<HttpRequest> decisions = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            ObjectNode body = (ObjectNode) scenario.request().deepCopy();
            if (body.has("claimId")) {
                body.put("claimId", "bench");
            }
            decisions.add(post(url + scenario.path(), auth, json.writeValueAsString(body)));
        }
        HttpRequest noop = post(url + "/api/v1/noop", auth, json.writeValueAsString(scenarios.get(0).request()));
        long claims = scenarios.stream().filter(s -> s.decision().equals("claim")).count();
        System.out.printf("request mix: %d scenario requests (%d claims, %d filings) from rules-tests/%n", decisions.size(), claims, decisions.size() - claims);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Instant started = Instant.now();
        AtomicLong answered = new AtomicLong();
        warmUp(client, decisions, noop, maxRequests, answered);
        System.out.printf("%n%8s %12s %10s %10s %10s %8s %12s %8s %14s%n", "clients", "decisions/s", "p50 ms", "p95 ms", "p99 ms", "errors",
                "no-op/s", "ratio", "CPU ms/dec.");
        for (int threads : levels) {
            double cpuBefore = serviceCpuSeconds(servicePid);
            Level decided = run(client, decisions, threads, seconds, maxRequests, answered);
            double cpuPerDecision = (serviceCpuSeconds(servicePid) - cpuBefore) * 1000 / Math.max(1, decided.requests());
            Level baseline = run(client, List.of(noop), threads, seconds, maxRequests, new AtomicLong());
            System.out.printf("%8d %12.0f %10.2f %10.2f %10.2f %8d %12.0f %7.0f%% %14.2f%n", threads, decided.perSecond(), decided.p50(), decided.p95(),
                    decided.p99(), decided.errors(), baseline.perSecond(), 100 * decided.perSecond() / baseline.perSecond(), cpuPerDecision);
        }

        HttpResponse<String> recorded = client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/decisions?size=1&from=" + started))
                .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
        long total = json.readTree(recorded.body()).path("total").asLong();
        System.out.printf("%nanswered 200: %d; recorded since the start: %d — %s%n", answered.get(), total,
                total == answered.get() ? "every answered decision is recorded" : "MISMATCH");
        if (total != answered.get()) {
            System.exit(1);
        }
    }

    /**
     * The JIT needs minutes to compile a service of this size; measuring before it settles
     * measures the compiler. Rounds of 10 s at 16 clients, decisions and no-op alike, until a
     * round's decision rate is within 5% of the one before (at most 12 rounds).
     */
    private static void warmUp(HttpClient client, List<HttpRequest> decisions, HttpRequest noop, long maxRequests,
                               AtomicLong answered) throws InterruptedException {
        double previous = 0;
        for (int round = 1; round <= 12; round++) {
            Level level = run(client, decisions, 16, 10, maxRequests, answered);
            run(client, List.of(noop), 16, 2, maxRequests, new AtomicLong());
            System.out.printf("warm-up round %d: %.0f decisions/s%n", round, level.perSecond());
            if (previous > 0 && Math.abs(level.perSecond() - previous) <= 0.05 * previous) {
                return;
            }
            previous = level.perSecond();
        }
    }

    /**
     * User + system CPU of the service process so far, from /proc (Linux), less its JIT compiler
     * threads, which keep compiling for minutes and are not the cost of a decision; 0 where unknown.
     */
    private static double serviceCpuSeconds(String pid) {
        if (pid == null) {
            return 0;
        }
        try {
            long ticks = cpuTicks(java.nio.file.Files.readString(Path.of("/proc", pid, "stat")));
            try (var tasks = java.nio.file.Files.newDirectoryStream(Path.of("/proc", pid, "task"))) {
                for (Path task : tasks) {
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).contains("CompilerThre")) {
                        ticks -= cpuTicks(stat);
                    }
                }
            }
            return ticks / 100.0;  // clock ticks, USER_HZ = 100
        } catch (Exception e) {
            return 0;
        }
    }

    /** utime + stime of a /proc stat line (the process's own include its ended threads). */
    private static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static HttpRequest post(String url, String auth, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").header("Authorization", auth)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static Level run(HttpClient client, List<HttpRequest> requests, int threads, int seconds, long maxRequests,
                             AtomicLong answered) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        Thread[] workers = new Thread[threads];
        long begin = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int me = t;
            latencies[me] = new long[1 << 16];
            workers[t] = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    int n = next.getAndIncrement();
                    if (n >= maxRequests) {
                        return;
                    }
                    long start = System.nanoTime();
                    try {
                        HttpResponse<Void> response = client.send(requests.get(n % requests.size()), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200) {
                            answered.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (counts[me] == latencies[me].length) {
                        latencies[me] = Arrays.copyOf(latencies[me], latencies[me].length * 2);
                    }
                    latencies[me][counts[me]++] = System.nanoTime() - start;
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Level(threads, all.length, errors.get(), all.length / elapsed, percentile(all, 50), percentile(all, 95), percentile(all, 99));
    }

    private static double percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
