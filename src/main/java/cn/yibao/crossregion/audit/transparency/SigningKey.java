package cn.yibao.crossregion.audit.transparency;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key that signs checkpoints. It is never in the database, or someone who can rewrite the
 * trail could sign the rewrite: it comes from {@code audit.signing-key} (a secret, the same on every
 * instance; Go's note format, {@code PRIVATE+KEY+<name>+<id>+<key>}), or else is made once in
 * {@code audit.signing-key-file} beside the person-id key, readable by its owner alone from the
 * moment it exists.
 */
@ApplicationScoped
public class SigningKey {

    private static final Logger LOG = Logger.getLogger(SigningKey.class);

    private final NoteSigner signer;
    private final List<NoteVerifier> trusted = new ArrayList<>();

    public SigningKey(@ConfigProperty(name = "audit.signing-key") Optional<String> configured,
                      @ConfigProperty(name = "audit.signing-key-file", defaultValue = "data/checkpoint-signing.key") Path keyFile,
                      @ConfigProperty(name = "audit.signing-key-name", defaultValue = "cross-region-decisions") String name,
                      CheckpointConfig config) {
        this.signer = configured.map(NoteSigner::parse).orElseGet(() -> fromFile(keyFile, name));
        trusted.add(signer.verifier());
        config.trustedKeys().orElse(List.of()).forEach(key -> trusted.add(NoteVerifier.parse(key)));
    }

    void logKey(@Observes StartupEvent event) {
        // Construction reads or makes the key: touching the bean at start-up makes a missing key file appear now.
        LOG.infof("checkpoints are signed by %s", signer.verifier().verifierKey());
    }

    public NoteSigner signer() {
        return signer;
    }

    public NoteVerifier verifier() {
        return signer.verifier();
    }

    /** This instance's key and those of {@code audit.checkpoint.trusted-keys}. */
    public List<NoteVerifier> trusted() {
        return List.copyOf(trusted);
    }

    private static NoteSigner fromFile(Path file, String name) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            NoteSigner fresh = NoteSigner.generate(name);
            try {
                if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                    file.toFile().setReadable(false, false);
                    file.toFile().setReadable(true, true);
                }
            } catch (FileAlreadyExistsException madeByAnotherInstance) {
                return read(file);
            }
            Files.writeString(file, fresh.encoded() + "\n", StandardCharsets.US_ASCII);
            LOG.warnf("audit.signing-key is not set: made a checkpoint signing key in %s (public key %s). Set audit.signing-key in production.",
                    file, fresh.verifier().verifierKey());
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the checkpoint signing key " + file, e);
        }
    }

    /** Another instance may have made the file a moment ago and still be writing it. */
    private static NoteSigner read(Path file) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!text.isEmpty() || attempt == 50) {
                return NoteSigner.parse(text);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the signing key", e);
            }
        }
    }
}
