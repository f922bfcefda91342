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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks HTTP Basic credentials against the {@code user_account} table (bcrypt), as
 * quarkus-security-jpa would; the roles then guard the endpoints through {@code @RolesAllowed}.
 * A caller system sends the same credentials with every decision, and bcrypt is slow on purpose,
 * so a successful check is remembered for {@code security.credential-cache} (by a SHA-256 of the
 * credentials, never the password); a changed password or role takes effect when it expires.
 */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private record Remembered(SecurityIdentity identity, long expiresAtNanos) {
    }

    private final Duration remember;
    private final Map<String, Remembered> checked = new ConcurrentHashMap<>();

    public DatabaseIdentityProvider(@ConfigProperty(name = "security.credential-cache", defaultValue = "60s") Duration remember) {
        this.remember = remember;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String username = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        String key = fingerprint(username, password);
        Remembered known = checked.get(key);
        if (known != null && known.expiresAtNanos() - System.nanoTime() > 0) {
            return Uni.createFrom().item(known.identity());
        }
        return context.runBlocking(() -> {
            UserAccount user = QuarkusTransaction.requiringNew().call(() -> UserAccount.<UserAccount>findById(username));
            if (user == null || !user.hasPassword(password)) {
                throw new AuthenticationFailedException();
            }
            SecurityIdentity identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(username))
                    .addRoles(user.roleSet())
                    .build();
            if (checked.size() > 10_000) {
                checked.clear();
            }
            checked.put(key, new Remembered(identity, System.nanoTime() + remember.toNanos()));
            return identity;
        });
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
