package cn.yibao.crossregion.api;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The pages' sign-in session: who is signed in, the CSRF token their changes must carry
 * ({@link CsrfGuard}), and sign-out. Signing in is Quarkus form authentication:
 * {@code POST /j_security_check} with {@code j_username} and {@code j_password}.
 */
@Path("/api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "session", description = "The pages' sign-in session")
@Authenticated
public class SessionResource {

    /** Who is signed in, and the token a page sends in X-CSRF-TOKEN with every change. */
    public record Session(String username, List<String> roles, String csrfToken) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String sessionCookie;
    private final SecurityIdentity identity;

    public SessionResource(@ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential") String sessionCookie,
                           SecurityIdentity identity) {
        this.sessionCookie = sessionCookie;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Who is signed in, with the CSRF token for the page's changes")
    public Session current(RoutingContext http) {
        Cookie existing = http.request().getCookie(CsrfGuard.COOKIE);
        String token = existing != null ? existing.getValue() : newToken();
        if (existing == null) {
            http.response().addCookie(tokenCookie(CsrfGuard.COOKIE, token, http));
        }
        return new Session(identity.getPrincipal().getName(), identity.getRoles().stream().sorted().toList(), token);
    }

    @POST
    @Path("/sign-out")
    @Operation(summary = "Sign out of the pages: the session and CSRF cookies are cleared")
    public void signOut(RoutingContext http) {
        http.response().addCookie(expired(sessionCookie, http));
        http.response().addCookie(expired(CsrfGuard.COOKIE, http));
    }

    /**
     * The session cookie holds the signed-in identity, encrypted, and no state on the server:
     * sign-out clears it in this browser; a copy taken before lives until
     * {@code quarkus.http.auth.form.timeout} of inactivity.
     */
    private static Cookie expired(String name, RoutingContext http) {
        return tokenCookie(name, "", http).setMaxAge(0);
    }

    private static Cookie tokenCookie(String name, String token, RoutingContext http) {
        return Cookie.cookie(name, token).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(http.request().isSSL());
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
