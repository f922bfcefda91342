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
import java.util.Map;
import java.util.TreeMap;
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

    public static final String DRL = "rules-drl";
    public static final String DMN = "rules-dmn";
    public static final String TESTS = "rules-tests";

    /**
     * Reads every regular file of the three rule folders. Files are named by the folder's role,
     * not its place on disk ({@code rules-drl/exclusions.drl}), so a version means the same
     * wherever the folders are. The scenario folder may be absent.
     */
    public static RulesetSource read(Path drlFolder, Path dmnFolder, Path testsFolder) {
        List<RuleFile> files = new ArrayList<>();
        files.addAll(readFolder(DRL, drlFolder));
        files.addAll(readFolder(DMN, dmnFolder));
        if (testsFolder != null && Files.isDirectory(testsFolder)) {
            files.addAll(readFolder(TESTS, testsFolder));
        }
        return new RulesetSource(files);
    }

    /** These files with some replaced or added: a draft on top of a live version. */
    public RulesetSource with(Map<String, String> changed) {
        Map<String, RuleFile> merged = new TreeMap<>();
        files.forEach(file -> merged.put(file.path(), file));
        changed.forEach((path, content) -> merged.put(path, new RuleFile(path, content)));
        return new RulesetSource(new ArrayList<>(merged.values()));
    }

    private static List<RuleFile> readFolder(String role, Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new RulesetInvalidException(List.of(new RuleProblem(folder.toString(), 0,
                    "rule folder not found (working directory " + Path.of("").toAbsolutePath() + ")")));
        }
        List<RuleFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                files.add(new RuleFile(role + "/" + path.getFileName(), Files.readString(path, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule folder " + folder, e);
        }
        return files;
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

    /** The files of one folder ({@link #DRL}, {@link #DMN}, {@link #TESTS}) with this extension. */
    public List<RuleFile> in(String folder, String extension) {
        return files.stream().filter(file -> file.path().startsWith(folder + "/") && file.extension().equals(extension)).toList();
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
