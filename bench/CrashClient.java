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
 * id of every decision answered 200 to a file, one per line, as soon as it is answered.
 *
 * java bench/CrashClient.java URL USER:PASSWORD BODY_FILE THREADS MAX OUT_FILE
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
        Files.writeString(out, "");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", auth).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failedInARow = new AtomicInteger();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                while (sent.getAndIncrement() < max && failedInARow.get() < 20) {
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        Matcher id = DECISION_ID.matcher(response.body());
                        if (response.statusCode() == 200 && id.find()) {
                            synchronized (out) {
                                Files.writeString(out, id.group(1) + "\n", java.nio.file.StandardOpenOption.APPEND);
                            }
                            answered.incrementAndGet();
                            failedInARow.set(0);
                        }
                    } catch (Exception e) {
                        failedInARow.incrementAndGet();
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
