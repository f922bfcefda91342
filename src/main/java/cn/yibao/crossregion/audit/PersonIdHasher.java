package cn.yibao.crossregion.audit;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Person ids are searched through HMAC-SHA256 under a secret key, so that the raw id is never
 * stored. The key comes from {@code audit.person-id-key} (set it in production, e.g. from
 * AUDIT_PERSON_ID_KEY); without it, a random key is made once and kept in
 * {@code audit.person-id-key-file} beside the embedded database.
 */
@ApplicationScoped
public class PersonIdHasher {

    private static final Logger LOG = Logger.getLogger(PersonIdHasher.class);
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /** A Mac is not thread-safe, and looking one up and keying it costs more than the hash itself. */
    private final ThreadLocal<Mac> macs;

    public PersonIdHasher(@ConfigProperty(name = "audit.person-id-key") Optional<String> configured,
                          @ConfigProperty(name = "audit.person-id-key-file", defaultValue = "data/person-id.key") Path keyFile) {
        this.key = new SecretKeySpec(configured.map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> keyFrom(keyFile)), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    void logKeySource(@Observes StartupEvent event) {
        // Construction reads the key; touching the bean at start-up makes a missing key file appear now, not at the first decision.
        LOG.debugf("person id key ready (%s)", key.getAlgorithm());
    }

    public String hash(String personId) {
        if (personId == null) {
            return null;
        }
        return HexFormat.of().formatHex(macs.get().doFinal(personId.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The fingerprint of a request of the given type, as canonical text, that holds a raw person
     * id (idempotency keys): an HMAC under the same key, because a plain SHA-256 of a request
     * whose other fields are in the trail gives the person id away to a search of birth dates.
     */
    public String requestHash(String type, String canonicalRequest) {
        return hash(type + "\n" + canonicalRequest);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] keyFrom(Path file) {
        try {
            if (Files.exists(file)) {
                return HexFormat.of().parseHex(Files.readString(file).trim());
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, HexFormat.of().formatHex(fresh));
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            LOG.warnf("audit.person-id-key is not set: made a random key in %s. Set audit.person-id-key in production.", file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the person id key " + file, e);
        }
    }
}
