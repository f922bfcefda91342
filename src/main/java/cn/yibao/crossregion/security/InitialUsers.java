package cn.yibao.crossregion.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * How the first users come to be; no password is written in the code.
 * <ul>
 * <li>{@code security.initial-users=name:role+role:password,…} creates or updates those users at
 *     every start (set it from the environment or a secret store, e.g.
 *     {@code SECURITY_INITIAL_USERS});</li>
 * <li>otherwise, on a first start with no users at all, one user per role is made
 *     ({@code caller}, {@code analyst}, {@code auditor}) with a random password, written once to
 *     {@code security.initial-users-file} (readable by its owner only) and never logged.</li>
 * </ul>
 */
@ApplicationScoped
public class InitialUsers {

    private static final Logger LOG = Logger.getLogger(InitialUsers.class);

    private final Optional<List<String>> configured;
    private final Path file;
    private final int bcryptCost;

    public InitialUsers(@ConfigProperty(name = "security.initial-users") Optional<List<String>> configured,
                        @ConfigProperty(name = "security.initial-users-file", defaultValue = "data/initial-users.txt") Path file,
                        @ConfigProperty(name = "security.bcrypt-cost", defaultValue = "10") int bcryptCost) {
        this.configured = configured;
        this.file = file;
        this.bcryptCost = bcryptCost;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (configured.isPresent()) {
            QuarkusTransaction.requiringNew().run(() -> configured.get().forEach(this::put));
            LOG.infof("%d configured user(s) are ready", configured.get().size());
            return;
        }
        boolean none = QuarkusTransaction.requiringNew().call(() -> UserAccount.count() == 0);
        if (none) {
            StringBuilder written = new StringBuilder("# The first users of this service. Change the passwords, then delete this file.\n");
            QuarkusTransaction.requiringNew().run(() -> {
                for (String role : List.of(Role.CALLER, Role.ANALYST, Role.AUDITOR)) {
                    String password = randomPassword();
                    UserAccount.put(role, password, role, bcryptCost);
                    written.append(role).append(':').append(role).append(':').append(password).append('\n');
                }
            });
            write(written.toString());
            LOG.warnf("no users existed: made one per role (caller, analyst, auditor); their passwords are in %s", file.toAbsolutePath());
        }
    }

    private void put(String entry) {
        String[] parts = entry.trim().split(":", 3);
        if (parts.length != 3 || parts[0].isBlank() || parts[2].isBlank()) {
            throw new IllegalArgumentException("security.initial-users: expected name:role+role:password, got an entry for " + parts[0]);
        }
        UserAccount.put(parts[0], parts[2], parts[1].replace('+', ','), bcryptCost);
    }

    private void write(String content) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, content);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            file.toFile().setWritable(false, false);
            file.toFile().setWritable(true, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the first users' passwords to " + file, e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
