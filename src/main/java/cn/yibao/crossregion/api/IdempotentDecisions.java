package cn.yibao.crossregion.api;

import cn.yibao.crossregion.api.validation.IdempotencyKeyRefusedException;
import cn.yibao.crossregion.audit.IdempotencyKey;
import cn.yibao.crossregion.audit.PersonIdHasher;
import cn.yibao.crossregion.audit.record.IdempotencyKeys;
import cn.yibao.crossregion.audit.record.KeyAlreadyUsedException;
import cn.yibao.crossregion.audit.record.KeyedDecision;
import cn.yibao.crossregion.facts.DecisionType;
import cn.yibao.crossregion.ops.DecisionMetrics;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.SecurityContext;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Decisions sent with an {@code Idempotency-Key} (API.md "Idempotent decisions"): the key, the
 * same user and the same request again are answered with the decision recorded for them, marked
 * {@code Idempotent-Replayed: true}, and nothing new is recorded; the key with another request is
 * a 422. Looking a key up reads the database, so it runs on a worker thread; the decision, as
 * one without a key, runs on the event loop. Rival requests with one key that get past the look-up
 * together are settled by the audit trail: one is recorded, the others get it
 * ({@link KeyAlreadyUsedException}).
 */
@ApplicationScoped
public class IdempotentDecisions {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]{1,100}");

    private final IdempotencyKeys keys;
    private final PersonIdHasher hasher;
    private final DecisionMetrics metrics;
    private final Vertx vertx;
    private final ObjectMapper canonical;

    public IdempotentDecisions(IdempotencyKeys keys, PersonIdHasher hasher, DecisionMetrics metrics, Vertx vertx, ObjectMapper json) {
        this.keys = keys;
        this.hasher = hasher;
        this.metrics = metrics;
        this.vertx = vertx;
        this.canonical = JsonSettings.canonical(json);
    }

    /**
     * The decision for this request: without an {@code Idempotency-Key} header, made by {@code decide}
     * with no key, exactly as ever (no database read); with one, the decision recorded for the key
     * if it was made by this request, otherwise a new one made by {@code decide} with the key.
     */
    public CompletionStage<RestResponse<String>> decide(HttpServerRequest http, SecurityContext caller, DecisionType type, Object request,
                                                        Function<IdempotencyKey, CompletionStage<String>> decide) {
        // Read from the request itself: @HeaderParam gives an empty header as null, and an empty key is a 400.
        String header = http.getHeader(IdempotencyKeyRefusedException.HEADER);
        if (header == null) {
            return decide.apply(null).thenApply(RestResponse::ok);
        }
        IdempotencyKey key = keyOf(header, caller, type, request);
        return vertx.executeBlocking(() -> keys.find(key), false).toCompletionStage()
                .thenCompose(recorded -> recorded.isPresent()
                        ? CompletableFuture.completedFuture(replay(key, type, recorded.get()))
                        : decide.apply(key).thenApply(RestResponse::ok))
                .exceptionallyCompose(failure -> unwrap(failure) instanceof KeyAlreadyUsedException taken
                        ? CompletableFuture.completedFuture(replay(key, type, taken.recorded()))
                        : CompletableFuture.failedFuture(unwrap(failure)));
    }

    /** The key as sent by the caller with this request; a key that is not 1–100 printable ASCII characters is a 400. */
    private IdempotencyKey keyOf(String header, SecurityContext caller, DecisionType type, Object request) {
        if (!PRINTABLE_ASCII.matcher(header).matches()) {
            throw IdempotencyKeyRefusedException.malformed();
        }
        try {
            return new IdempotencyKey(caller.getUserPrincipal().getName(), header,
                    hasher.requestHash(type.name(), canonical.writeValueAsString(request)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a parsed " + type + " request as JSON", e);
        }
    }

    private RestResponse<String> replay(IdempotencyKey key, DecisionType type, KeyedDecision recorded) {
        if (!recorded.madeBy(key)) {
            throw IdempotencyKeyRefusedException.usedForAnotherRequest();
        }
        metrics.replayed(type.name());
        return RestResponse.ResponseBuilder.ok(recorded.answer()).header(REPLAYED_HEADER, "true").build();
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
