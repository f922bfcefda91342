package cn.yibao.crossregion.api;

import cn.yibao.crossregion.api.validation.ErrorResponse;
import cn.yibao.crossregion.api.validation.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Two sizes of request. A decision, replay or query is a few kilobytes; a ruleset draft carries
 * whole rule files, and a decision table holding every insured region is megabytes. The server
 * takes bodies up to {@code quarkus.http.limits.max-body-size} (the drafts' limit); every other
 * path is held to {@code api.max-request-size} and refused by its Content-Length with a 413,
 * before its body is read.
 */
@ApplicationScoped
public class RequestSizeLimit {

    static final String DRAFTS = "/api/v1/rulesets/drafts";

    void install(@Observes Router router, ObjectMapper json,
                 @ConfigProperty(name = "api.max-request-size", defaultValue = "256K") MemorySize limit) throws JsonProcessingException {
        long max = limit.asLongValue();
        String refusal = json.writeValueAsString(new ErrorResponse(413, List.of(new FieldError("body",
                "The request body is larger than " + max / 1024 + " KB", "请求体超过 " + max / 1024 + " KB"))));
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if (!DRAFTS.equals(context.normalizedPath()) && declaredLength(context.request().getHeader(HttpHeaders.CONTENT_LENGTH)) > max) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(refusal);
                return;
            }
            context.next();
        });
    }

    private static long declaredLength(String header) {
        try {
            return header == null ? 0 : Long.parseLong(header.trim());
        } catch (NumberFormatException notANumber) {
            return 0;   // the HTTP server refuses a malformed Content-Length itself
        }
    }
}
