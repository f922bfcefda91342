package cn.yibao.crossregion.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of one ruleset, sorted by path, and its version: {@code sha256:} of every file's
 * path and content, so that the same files always give the same version.
 */
public final class RulesetSource {

    private final List<RuleFile> files;
    private final String version;

    public RulesetSource(List<RuleFile> files) {
        this.files = files.stream().sorted(Comparator.comparing(RuleFile::path)).toList();
        this.version = hash(this.files);
    }

    /** Reads every regular file of the given folders; each is named {@code <folder name>/<file name>}. */
    public static RulesetSource read(Path... folders) {
        List<RuleFile> files = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new RulesetInvalidException(List.of(new RuleProblem(folder.toString(), 0,
                        "rule folder not found (working directory " + Path.of("").toAbsolutePath() + ")")));
            }
            try (Stream<Path> paths = Files.list(folder)) {
                for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                    files.add(new RuleFile(folder.getFileName() + "/" + path.getFileName(),
                            Files.readString(path, StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read rule folder " + folder, e);
            }
        }
        return new RulesetSource(files);
    }

    public List<RuleFile> files() {
        return files;
    }

    public String version() {
        return version;
    }

    public Optional<RuleFile> file(String path) {
        return files.stream().filter(file -> file.path().equals(path)).findFirst();
    }

    public List<RuleFile> withExtension(String extension) {
        return files.stream().filter(file -> file.extension().equals(extension)).toList();
    }

    private static String hash(List<RuleFile> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (RuleFile file : files) {
                digest.update(file.path().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.content().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
