package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.OwnDatabase;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The service running on a copy of the rule folders, watched, so a test may change them on disk;
 * with a database of its own, as what it activates would otherwise be live for other tests, and
 * what earlier runs activated would be live for it.
 */
public class CopiedRuleFolders implements QuarkusTestProfile {

    static final Path ROOT = Path.of("target", "copied-rules");

    @Override
    public Map<String, String> getConfigOverrides() {
        copyShippedRules();
        Map<String, String> config = new HashMap<>(OwnDatabase.named("reload-from-folders"));
        config.put("rules.drl-dir", ROOT.resolve("rules-drl").toString());
        config.put("rules.dmn-dir", ROOT.resolve("rules-dmn").toString());
        config.put("rules.tests-dir", ROOT.resolve("rules-tests").toString());
        config.put("rules.watch", "true");
        return config;
    }

    static void copyShippedRules() {
        copyShippedRules(ROOT);
    }

    /** Copies the shipped rule folders under {@code root}, writing only the files that differ. */
    static void copyShippedRules(Path root) {
        try {
            for (String folder : new String[] {"rules-drl", "rules-dmn", "rules-tests"}) {
                Path target = root.resolve(folder);
                Files.createDirectories(target);
                try (Stream<Path> files = Files.list(Path.of(folder))) {
                    for (Path file : files.toList()) {
                        Path copy = target.resolve(file.getFileName());
                        if (!Files.exists(copy) || !Files.readString(copy).equals(Files.readString(file))) {
                            Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
