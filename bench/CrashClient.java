import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends claims from several threads until the service dies (or MAX requests) and writes the
 * id of every decision answered 200 to a file, one per line, as soon as it is answered. With a
 * KEY_PREFIX, request n carries {@code Idempotency-Key: KEY_PREFIX-n}, and the key of every request
 * that got no 200 (its answer lost in the crash, or refused) goes to OUT_FILE.lost, to be retried.
 *
 * java bench/CrashClient.java URL USER:PASSWORD BODY_FILE THREADS MAX OUT_FILE [KEY_PREFIX]
 */
public class CrashClient {

    private static final Pattern DECISION_ID = Pattern.compile("\"decisionId\":\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        String url = args[0] + "/api/v1/decisions/claim";
        String auth = "Basic " + Base64.getEncoder().encodeToString(args[1].getBytes(StandardCharsets.UTF_8));
        String body = Files.readString(Path.of(args[2]));
        int threads = Integer.parseInt(args[3]);
        int max = Integer.parseInt(args[4]);
        Path out = Path.of(args[5]);
        String keyPrefix = args.length > 6 ? args[6] : null;
        Path lost = Path.of(args[5] + ".lost");
        Files.writeString(out, "");
        Files.writeString(lost, "");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest.Builder requests = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", auth).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failedInARow = new AtomicInteger();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                int n;
                while ((n = sent.getAndIncrement()) < max && failedInARow.get() < 20) {
                    String key = keyPrefix == null ? null : keyPrefix + "-" + n;
                    HttpRequest request = key == null ? requests.copy().build() : requests.copy().header("Idempotency-Key", key).build();
                    boolean ok = false;
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        Matcher id = DECISION_ID.matcher(response.body());
                        if (response.statusCode() == 200 && id.find()) {
                            synchronized (out) {
                                Files.writeString(out, id.group(1) + "\n", java.nio.file.StandardOpenOption.APPEND);
                            }
                            answered.incrementAndGet();
                            failedInARow.set(0);
                            ok = true;
                        }
                    } catch (Exception e) {
                        failedInARow.incrementAndGet();
                    }
                    if (!ok && key != null) {
                        try {
                            synchronized (out) {
                                Files.writeString(lost, key + "\n", java.nio.file.StandardOpenOption.APPEND);
                            }
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.println("answered 200: " + answered.get());
    }
}
