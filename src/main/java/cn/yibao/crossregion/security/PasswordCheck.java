package cn.yibao.crossregion.security;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.jpa.runtime.JpaIdentityProvider;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Every user name and password (HTTP Basic and form sign-in alike) passes here before
 * quarkus-security-jpa checks it against {@code user_account}:
 * <ol>
 * <li>credentials checked successfully a moment ago are taken as they are, throttled or not (they
 *     are proven): a caller system sends them with every decision, and bcrypt is slow on purpose.
 *     The {@code credential-checks} cache (quarkus-cache) keeps a check by a SHA-256 of the
 *     credentials, never the password, for
 *     {@code quarkus.cache.caffeine."credential-checks".expire-after-write}; concurrent requests
 *     with the same credentials share one check; a failed check is not kept;</li>
 * <li>otherwise an attempt that comes too early after failed ones is refused with 429 before
 *     bcrypt runs ({@link SignInThrottle});</li>
 * <li>otherwise quarkus-security-jpa checks the password, and the outcome is counted.</li>
 * </ol>
 * Its priority puts it before quarkus-security-jpa's own provider, which it calls itself, so
 * that provider never runs on its own.
 */
@ApplicationScoped
public class PasswordCheck implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final Cache checks;
    private final JpaIdentityProvider users;
    private final SignInThrottle throttle;

    public PasswordCheck(@CacheName("credential-checks") Cache checks, JpaIdentityProvider users, SignInThrottle throttle) {
        this.checks = checks;
        this.users = users;
        this.throttle = throttle;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /** Before quarkus-security-jpa's provider, which has the default for application providers, SYSTEM_FIRST + 1. */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String username = request.getUsername();
        String fingerprint = fingerprint(username, request.getPassword().getPassword());
        CompletableFuture<SecurityIdentity> remembered = checks.as(CaffeineCache.class).getIfPresent(fingerprint);
        if (remembered != null && remembered.isDone() && !remembered.isCompletedExceptionally()) {
            return Uni.createFrom().item(remembered.join());
        }
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        String address = http == null || http.request().remoteAddress() == null ? "unknown" : http.request().remoteAddress().hostAddress();
        Optional<Duration> wait = throttle.waitFor(username, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            answerTooManyRequests(http, seconds);
            return Uni.createFrom().failure(new AuthenticationFailedException("too many failed sign-ins: retry after " + seconds + " s"));
        }
        return checks.getAsync(fingerprint, key -> users.authenticate(request, context)
                .onItem().invoke(identity -> throttle.succeeded(username))
                .onFailure(AuthenticationFailedException.class).invoke(failed -> throttle.failed(username, address)));
    }

    /**
     * Quarkus answers any failed authentication with its mechanism's challenge (401); just before
     * that answer's headers leave, this one becomes a 429 with Retry-After.
     */
    private static void answerTooManyRequests(RoutingContext http, long retryAfterSeconds) {
        if (http == null) {
            return;
        }
        http.addHeadersEndHandler(ignored -> {
            http.response().setStatusCode(429).setStatusMessage("Too Many Requests");
            http.response().headers().remove("WWW-Authenticate");
            http.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
        });
    }

    private static String fingerprint(String username, char[] password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(username.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return HexFormat.of().formatHex(digest.digest(new String(password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
