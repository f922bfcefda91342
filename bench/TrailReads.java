import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read side of bench/trail.sh: each operation of the audit trail REPEAT times against the running
 * service (127.0.0.1), with its p50 and p95 wall time in ms, the hits (total) of the last run, then the
 * export (rows/s, bytes, and the SHA-256 of the bytes, to compare two builds) and the verify once.
 * BULK=1 measures only the exports (also two filtered ones) and the verify, as the request and as a job.
 *
 * java bench/TrailReads.java URL USER PASSWORD PERSON_IDS_FILE [REPEAT]
 */
public class TrailReads {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String auth;
    private static String url;

    public static void main(String[] args) throws Exception {
        url = args[0];
        auth = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
        List<String> persons = java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[3]));
        int repeat = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        String version = find(get("/api/v1/rulesets"), "\"version\":\"([^\"]+)\"");
        String month = java.time.LocalDate.now().minusMonths(3).withDayOfMonth(1).toString();
        String monthEnd = java.time.LocalDate.parse(month).plusMonths(1).minusDays(1).toString();
        String rareDay = java.time.LocalDate.now().minusDays(200).toString();

        if ("1".equals(System.getenv("BULK"))) {
            export("jsonl", "");
            export("csv", "");
            export("jsonl", "&from=" + month + "&to=" + monthEnd);
            export("csv", "&reasonCode=EXCL_ABROAD");
            verify();
            return;
        }
        Map<String, List<String>> operations = new LinkedHashMap<>();
        operations.put("newest page, no filter", List.of(""));
        operations.put("personId", persons.subList(0, Math.min(repeat, persons.size())).stream().map(p -> "personId=" + p).toList());
        operations.put("claimId", List.of("claimId=fill-12345", "claimId=fill-777", "claimId=fill-99"));
        operations.put("reasonCode common (PAY_DIRECT_SETTLEMENT)", List.of("reasonCode=PAY_DIRECT_SETTLEMENT"));
        operations.put("reasonCode rare (EXCL_ABROAD)", List.of("reasonCode=EXCL_ABROAD"));
        operations.put("rule (DRL name)", List.of("rule=" + enc("exclusion: the self-paid share is never paid")));
        operations.put("rule (DMN row)", List.of("rule=" + enc("payout/Base policy/5")));
        operations.put("outcome=REJECTED", List.of("outcome=REJECTED"));
        operations.put("type=FILING", List.of("type=FILING"));
        operations.put("rulesetVersion", List.of("rulesetVersion=" + enc(version)));
        operations.put("insuredRegion", List.of("insuredRegion=440700", "insuredRegion=650100"));
        operations.put("treatmentRegion", List.of("treatmentRegion=110105", "treatmentRegion=500103"));
        operations.put("a month (from, to)", List.of("from=" + month + "&to=" + monthEnd));
        operations.put("one day", List.of("from=" + rareDay + "&to=" + rareDay));
        operations.put("treatmentRegion + outcome", List.of("treatmentRegion=500103&outcome=REJECTED"));
        operations.put("treatmentRegion + outcome, 0 hits", List.of("treatmentRegion=999999&outcome=REJECTED", "treatmentRegion=500103&reasonCode=EXCL_ABROAD"));
        operations.put("insuredRegion + reasonCode", List.of("insuredRegion=650100&reasonCode=PAY_DIRECT_SETTLEMENT"));
        operations.put("type + outcome + month", List.of("type=CLAIM&outcome=REJECTED&from=" + month + "&to=" + monthEnd));
        operations.put("reasonCode + month", List.of("reasonCode=EXCL_SELF_PAY&from=" + month + "&to=" + monthEnd));
        operations.put("rule + insuredRegion + month", List.of("rule=" + enc("payout/Base policy/5") + "&insuredRegion=440100&from=" + month + "&to=" + monthEnd));
        operations.put("personId + outcome", persons.subList(0, Math.min(repeat, persons.size())).stream().map(p -> "personId=" + p + "&outcome=APPROVED").toList());

        System.out.printf("%-44s %9s %9s %9s%n", "operation (first page of 20, with total)", "p50 ms", "p95 ms", "hits");
        for (var operation : operations.entrySet()) {
            measure(operation.getKey(), operation.getValue(), repeat, q -> "/api/v1/decisions?size=20&" + q);
        }
        for (String groupBy : List.of("day", "day,outcome", "outcome", "reasonCode", "insuredRegion", "treatmentRegion", "rulesetVersion")) {
            measure("stats groupBy=" + groupBy + " (a year)", List.of("groupBy=" + groupBy), repeat, q -> "/api/v1/decisions/stats?" + q);
        }
        measure("stats groupBy=day, a month, CLAIM", List.of("groupBy=day&type=CLAIM&from=" + month + "&to=" + monthEnd), repeat,
                q -> "/api/v1/decisions/stats?" + q);
        cursorWalk(repeat);
        export("jsonl", "");
        export("csv", "");
        verify();
    }

    /** The check as the request answers it, then as a job: the job's own records per second (records / wall seconds of the job). */
    private static void verify() throws Exception {
        long started = System.nanoTime();
        String verify = get("/api/v1/audit/verify");
        System.out.printf("verify: %.1f s, %s%n", (System.nanoTime() - started) / 1e9, verify);
        started = System.nanoTime();
        HttpResponse<String> job = HTTP.send(request("/api/v1/audit/verify/jobs").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        String id = find(job.body(), "\"jobId\":\"([^\"]+)\"");
        if (id == null) {
            System.out.println("verify job: not started, " + job.statusCode() + " " + job.body());
            return;
        }
        String view;
        do {
            Thread.sleep(500);
            view = get("/api/v1/audit/verify/jobs/" + id);
        } while (view.contains("\"RUNNING\""));
        System.out.printf("verify job: %.1f s at the client, %s%n", (System.nanoTime() - started) / 1e9, view);
    }

    private interface Path {
        String of(String query);
    }

    private static void measure(String name, List<String> queries, int repeat, Path path) throws Exception {
        get(path.of(queries.get(0)));  // warm
        List<Long> times = new ArrayList<>();
        String hits = "";
        for (int i = 0; i < repeat; i++) {
            long started = System.nanoTime();
            String body = get(path.of(queries.get(i % queries.size())));
            times.add(System.nanoTime() - started);
            String total = find(body, "\"total\":(\\d+)");
            hits = total == null ? "groups " + body.split("\"key\"").length : total + (body.contains("totalIsLowerBound") ? "+" : "");
        }
        print(name, times, hits);
    }

    private static void cursorWalk(int repeat) throws Exception {
        List<Long> times = new ArrayList<>();
        String cursor = null;
        int pages = Math.max(50, repeat);
        long rows = 0;
        for (int i = 0; i < pages; i++) {
            long started = System.nanoTime();
            String body = get("/api/v1/decisions?size=100" + (cursor == null ? "" : "&cursor=" + cursor));
            times.add(System.nanoTime() - started);
            rows += body.split("\"decisionId\"").length - 1;
            cursor = find(body, "\"next\":\"([^\"]+)\"");
            if (cursor == null) {
                break;
            }
        }
        print("cursor walk, pages of 100 (" + times.size() + " pages)", times, String.valueOf(rows));
    }

    private static void export(String format, String filter) throws Exception {
        long started = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(request("/api/v1/decisions/export?format=" + format + filter).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = response.body()) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                bytes += read;
                digest.update(buffer, 0, read);
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("export %s%s: %d lines, %.0f MB in %.1f s: %.0f rows/s (status %d), sha256 %s%n", format, filter, lines, bytes / 1e6,
                seconds, lines / seconds, response.statusCode(), java.util.HexFormat.of().formatHex(digest.digest()));
    }

    private static void print(String name, List<Long> times, String hits) {
        List<Long> sorted = times.stream().sorted().toList();
        System.out.printf("%-44s %9.1f %9.1f %9s%n", name, sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) / 1e6, hits);
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", auth).timeout(java.time.Duration.ofMinutes(30));
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
