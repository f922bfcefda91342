package cn.yibao.crossregion.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks HTTP Basic credentials against the {@code user_account} table (bcrypt), as
 * quarkus-security-jpa would; the roles then guard the endpoints through {@code @RolesAllowed}.
 * A caller system sends the same credentials with every decision, and bcrypt is slow on purpose,
 * so a successful check is remembered for {@code security.credential-cache} (by a SHA-256 of the
 * credentials, never the password); a changed password or role takes effect when it expires.
 * A failed check is not remembered.
 */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** A check of one set of credentials, under way or done, shared by every request that sends them. */
    private record Check(CompletableFuture<SecurityIdentity> identity, long expiresAtNanos) {

        boolean usable() {
            return expiresAtNanos - System.nanoTime() > 0 && !identity.isCompletedExceptionally();
        }
    }

    private final Duration remember;
    private final Map<String, Check> checks = new ConcurrentHashMap<>();

    public DatabaseIdentityProvider(@ConfigProperty(name = "security.credential-cache", defaultValue = "60s") Duration remember) {
        this.remember = remember;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /**
     * When the remembered check of busy credentials expires, every request under way misses at
     * once; they wait for one new bcrypt check instead of each running its own. Waiting happens
     * on a worker thread through {@code runBlocking}, as the check itself does: a request must
     * go on in its own request context, not on the thread of the request that ran the check.
     */
    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String username = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        String key = fingerprint(username, password);
        Check check = checks.get(key);
        if (check != null && check.usable() && check.identity().isDone()) {
            return Uni.createFrom().item(check.identity().join());
        }
        Check mine = new Check(new CompletableFuture<>(), System.nanoTime() + remember.toNanos());
        Check current = checks.compute(key, (k, existing) -> existing != null && existing.usable() ? existing : mine);
        if (current != mine) {
            return context.runBlocking(() -> await(current.identity(), () -> verify(username, password)));
        }
        if (checks.size() > 10_000) {
            checks.keySet().removeIf(other -> !other.equals(key));
        }
        return context.runBlocking(() -> {
            try {
                SecurityIdentity identity = verify(username, password);
                mine.identity().complete(identity);
                return identity;
            } catch (RuntimeException failed) {
                checks.remove(key, mine);
                mine.identity().completeExceptionally(failed);
                throw failed;
            }
        });
    }

    /** The shared check's answer; a request that waited 5 s (every worker busy) checks for itself. */
    private static SecurityIdentity await(CompletableFuture<SecurityIdentity> check, Supplier<SecurityIdentity> ownCheck) {
        try {
            return check.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new AuthenticationFailedException(e.getCause());
        } catch (TimeoutException e) {
            return ownCheck.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationFailedException(e);
        }
    }

    private static SecurityIdentity verify(String username, String password) {
        UserAccount user = QuarkusTransaction.requiringNew().call(() -> UserAccount.<UserAccount>findById(username));
        if (user == null || !user.hasPassword(password)) {
            throw new AuthenticationFailedException();
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username))
                .addRoles(user.roleSet())
                .build();
    }

    private static String fingerprint(String username, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(username.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return HexFormat.of().formatHex(digest.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
