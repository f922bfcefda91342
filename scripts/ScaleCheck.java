import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of scripts/scale-test.sh on a trail of N decisions (JDK only, run as a source file):
 * <ol>
 * <li>the whole trail walked by cursor, pages of 200: every decision once, newest first, N in all,
 *     and the first page's total capped at 10,000 as a lower bound;</li>
 * <li>a replay job of the whole trail against the version that decided it: every decision compared,
 *     none changed (the same rules on the same requests decide the same);</li>
 * <li>the full chain check as a job: ok, every decision checked.</li>
 * </ol>
 * Each prints its time; any failure exits 1 naming it.
 *
 * java scripts/ScaleCheck.java URL USER PASSWORD N
 */
public class ScaleCheck {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** How long a job may run before the check fails; JOB_MINUTES in the environment, default 15. */
    private static final Duration JOB_LIMIT = Duration.ofMinutes(Long.parseLong(System.getenv().getOrDefault("JOB_MINUTES", "15")));
    private static String url;
    private static String auth;

    public static void main(String[] args) throws Exception {
        url = args[0];
        auth = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
        long n = Long.parseLong(args[3]);
        cursorWalk(n);
        replayJob(n);
        verifyJob(n);
        System.out.println("scale check passed on " + n + " decisions");
    }

    private static void cursorWalk(long n) throws Exception {
        long started = System.nanoTime();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        String previous = null;
        int pages = 0;
        do {
            String body = get("/api/v1/decisions?size=200" + (cursor == null ? "" : "&cursor=" + cursor));
            if (pages++ == 0) {
                check(n <= 10_000 || (body.contains("\"total\":10000") && body.contains("\"totalIsLowerBound\":true")),
                        "the first page's total is 10,000 as a lower bound");
            }
            Matcher rows = Pattern.compile("\"decisionId\":\"([^\"]+)\"[^{}]*?\"evaluatedAt\":\"([^\"]+)\"").matcher(body);
            while (rows.find()) {
                check(seen.add(rows.group(1)), "decision " + rows.group(1) + " appears on two pages");
                String key = rows.group(2) + " " + rows.group(1);
                check(previous == null || compare(key, previous) < 0, "page " + pages + " is not newest first at " + key + " after " + previous);
                previous = key;
            }
            cursor = find(body, "\"next\":\"([^\"]+)\"");
        } while (cursor != null);
        check(seen.size() == n, "the cursor walk found " + seen.size() + " decisions, not " + n);
        System.out.printf("cursor walk: %d decisions in %d pages of 200, each once, newest first, %.1f s%n", seen.size(), pages,
                seconds(started));
    }

    private static void replayJob(long n) throws Exception {
        String version = find(get("/api/v1/rulesets"), "\"version\":\"([^\"]+)\"");
        long started = System.nanoTime();
        String job = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/replays")).header("Authorization", auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"candidate\":\"" + version + "\",\"from\":\"2000-01-01\"}")).build(), 202);
        String id = find(job, "\"replayId\":\"([^\"]+)\"");
        String view = waitFor("/api/v1/replays/" + id, "\"status\":\"RUNNING\"");
        check(view.contains("\"status\":\"DONE\""), "the replay job did not finish: " + view);
        check(number(view, "compared") == n, "the replay compared " + number(view, "compared") + " decisions, not " + n + ": " + view);
        check(number(view, "changed") == 0, "the same version re-deciding its own decisions changed " + number(view, "changed") + ": " + view);
        check(get("/api/v1/replays/" + id + "/changes").contains("\"items\":[]"), "a replay without changes lists changes");
        System.out.printf("replay job: %d compared, 0 changed, %.1f s, %d decisions/s (the job's own rate)%n", n, seconds(started),
                number(view, "perSecond"));
    }

    private static void verifyJob(long n) throws Exception {
        long started = System.nanoTime();
        String job = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/audit/verify/jobs")).header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
        String id = find(job, "\"jobId\":\"([^\"]+)\"");
        String view = waitFor("/api/v1/audit/verify/jobs/" + id, "\"status\":\"RUNNING\"");
        check(view.contains("\"status\":\"DONE\"") && view.contains("\"ok\":true"), "the chain check did not pass: " + view);
        check(number(view, "checked") >= n, "the chain check checked " + number(view, "checked") + " records, fewer than " + n);
        System.out.printf("verify job: ok, %d records checked, %.1f s, %d records/s%n", number(view, "checked"), seconds(started),
                number(view, "perSecond"));
    }

    private static String waitFor(String path, String whileRunning) throws Exception {
        long deadline = System.nanoTime() + JOB_LIMIT.toNanos();
        String view;
        do {
            Thread.sleep(1000);
            view = get(path);
            check(System.nanoTime() < deadline, path + " still running after " + JOB_LIMIT.toMinutes() + " minutes: " + view);
        } while (view.contains(whileRunning));
        return view;
    }

    /** Compares "evaluatedAt id" keys as instants, then ids; the answers print instants of varying precision. */
    private static int compare(String a, String b) {
        String[] x = a.split(" ");
        String[] y = b.split(" ");
        int byTime = java.time.Instant.parse(x[0]).compareTo(java.time.Instant.parse(y[0]));
        return byTime != 0 ? byTime : x[1].compareTo(y[1]);
    }

    private static long number(String body, String field) {
        String value = find(body, "\"" + field + "\":(\\d+)");
        return value == null ? -1 : Long.parseLong(value);
    }

    private static void check(boolean holds, String failure) {
        if (!holds) {
            System.err.println("SCALE CHECK FAILED: " + failure);
            System.exit(1);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", auth).timeout(Duration.ofMinutes(2)).build(), 200);
    }

    private static String send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        check(response.statusCode() == expected, request.uri() + " answered " + response.statusCode() + ", not " + expected + ": " + response.body());
        return response.body();
    }

    private static String find(String body, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }
}
