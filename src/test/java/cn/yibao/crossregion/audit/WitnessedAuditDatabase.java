package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.OwnDatabase;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A database of its own, checkpoints every second, and a witness: a small HTTP server on 127.0.0.1
 * that keeps every checkpoint POSTed to it and gives them all back to a GET.
 */
public class WitnessedAuditDatabase implements QuarkusTestProfile {

    private static final String PORT = "transparency.test.witness-port";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(OwnDatabase.named("transparency"));
        config.put("audit.checkpoint.interval", "1s");
        config.put("audit.checkpoint.witnesses", "http://127.0.0.1:" + witnessPort() + "/add-checkpoint");
        return config;
    }

    /** One witness for the JVM, however many times (and class loaders) the profile is read. */
    private static synchronized int witnessPort() {
        String port = System.getProperty(PORT);
        if (port != null) {
            return Integer.parseInt(port);
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            List<String> seen = new CopyOnWriteArrayList<>();
            server.createContext("/add-checkpoint", exchange -> {
                byte[] answer;
                if ("POST".equals(exchange.getRequestMethod())) {
                    seen.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    answer = new byte[0];
                } else {
                    answer = String.join("\n", seen).getBytes(StandardCharsets.UTF_8);
                }
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.setExecutor(null);
            server.start();
            System.setProperty(PORT, Integer.toString(server.getAddress().getPort()));
            return server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
