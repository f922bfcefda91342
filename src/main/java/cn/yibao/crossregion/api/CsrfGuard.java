package cn.yibao.crossregion.api;

import cn.yibao.crossregion.api.validation.ErrorResponse;
import cn.yibao.crossregion.api.validation.FieldError;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-site request forgery: a browser adds the pages' session cookie to any request for this
 * service, a form posted from another site's page included. So every state-changing request that
 * a session cookie signs in must also carry, in the {@value #HEADER} header, the token the page
 * got from {@code GET /api/v1/session} (and holds in the HttpOnly {@value #COOKIE} cookie):
 * another site can neither read the token nor set a header on a cross-site request without
 * a CORS preflight, which this service never grants. Whatever its content type (a form, text/plain
 * or JSON), such a request without the token is refused 403 before anything else reads it.
 * <p>
 * Machine callers sign in with HTTP Basic or a bearer token and send no session cookie; they
 * need no token. (quarkus-rest-csrf checks every unsafe request, a machine caller's too, and only
 * form bodies or its header: README "Sign-in" says why it is not used.)
 */
public class CsrfGuard {

    public static final String HEADER = "X-CSRF-TOKEN";
    public static final String COOKIE = "csrf-token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /** The cookies that sign a browser in: form authentication's and, when the pages use OIDC, its session's. */
    private final List<String> sessionCookies;

    public CsrfGuard(@ConfigProperty(name = "security.csrf.session-cookies", defaultValue = "quarkus-credential,q_session") List<String> sessionCookies) {
        this.sessionCookies = sessionCookies;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireTokenWithSessionCookie(HttpServerRequest request) {
        if (SAFE_METHODS.contains(request.method().name())
                || request.getHeader("Authorization") != null
                || sessionCookies.stream().noneMatch(name -> request.getCookie(name) != null)) {
            return Optional.empty();
        }
        Cookie expected = request.getCookie(COOKIE);
        String sent = request.getHeader(HEADER);
        if (expected != null && sent != null && sameToken(expected.getValue(), sent)) {
            return Optional.empty();
        }
        return Optional.of(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorResponse(403, List.of(new FieldError(HEADER,
                        "a change made through a signed-in page must carry the page's CSRF token (GET /api/v1/session)",
                        "通过已登录页面提交的更改必须携带页面的 CSRF 令牌（GET /api/v1/session）"))))
                .build());
    }

    private static boolean sameToken(String expected, String sent) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
