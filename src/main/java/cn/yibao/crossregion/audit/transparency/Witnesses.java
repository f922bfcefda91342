package cn.yibao.crossregion.audit.transparency;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Sends each checkpoint to the witnesses of {@code audit.checkpoint.witnesses}: a POST of the signed
 * note as text/plain. A witness that keeps the checkpoints it saw holds the trail to them, wherever
 * the database and the checkpoint file go. Sent in the background; a witness that fails is logged,
 * never holds a decision back.
 */
@ApplicationScoped
public class Witnesses {

    private static final Logger LOG = Logger.getLogger(Witnesses.class);

    private final List<URI> witnesses;
    private final HttpClient client;

    public Witnesses(CheckpointConfig config) {
        this.witnesses = config.witnesses().orElse(List.of()).stream().filter(url -> !url.isBlank()).map(URI::create).toList();
        this.client = witnesses.isEmpty() ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public void send(String signedNote) {
        for (URI witness : witnesses) {
            HttpRequest request = HttpRequest.newBuilder(witness).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(signedNote)).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure != null) {
                    LOG.warnf("witness %s did not take a checkpoint: %s", witness, failure.toString());
                } else if (response.statusCode() / 100 != 2) {
                    LOG.warnf("witness %s answered %d to a checkpoint", witness, response.statusCode());
                }
            });
        }
    }
}
