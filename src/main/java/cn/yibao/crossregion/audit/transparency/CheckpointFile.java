package cn.yibao.crossregion.audit.transparency;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The checkpoints, appended to a file outside the database ({@code audit.checkpoint.file}), each
 * written in one append and synced: whoever rewrites the database must also rewrite this file, on
 * another disk or another machine if the operators put it there (or ship it, e.g. to a log store).
 */
@ApplicationScoped
public class CheckpointFile {

    private static final Logger LOG = Logger.getLogger(CheckpointFile.class);

    private final Path file;

    /**
     * A database emptied at every start ({@code quarkus.flyway.clean-at-start}, tests and trials only) starts
     * a new log: the checkpoints of the emptied one are set aside, or they would say that its records were deleted.
     */
    public CheckpointFile(CheckpointConfig config,
                          @ConfigProperty(name = "quarkus.flyway.clean-at-start", defaultValue = "false") boolean databaseEmptiedAtStart) {
        this.file = config.file();
        if (databaseEmptiedAtStart && Files.exists(file)) {
            Path aside = file.resolveSibling(file.getFileName() + ".emptied-" + System.currentTimeMillis());
            try {
                Files.move(file, aside);
                LOG.infof("the database is emptied at start (quarkus.flyway.clean-at-start): its old checkpoints are set aside in %s", aside);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot set the old checkpoint file " + file + " aside", e);
            }
        }
    }

    public Path path() {
        return file;
    }

    public synchronized void append(String signedNote) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND, StandardOpenOption.DSYNC)) {
                ByteBuffer bytes = ByteBuffer.wrap(CheckpointLog.entry(signedNote).getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append a checkpoint to " + file, e);
        }
    }

    /** Every note of the file; none if there is no file yet. */
    public List<CheckpointLog.Entry> read() {
        try {
            return Files.exists(file) ? CheckpointLog.parse(Files.readString(file, StandardCharsets.UTF_8)) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint file " + file, e);
        }
    }
}
