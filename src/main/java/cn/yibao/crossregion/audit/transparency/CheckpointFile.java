package cn.yibao.crossregion.audit.transparency;

import jakarta.enterprise.context.ApplicationScoped;

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

    private final Path file;

    public CheckpointFile(CheckpointConfig config) {
        this.file = config.file();
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
