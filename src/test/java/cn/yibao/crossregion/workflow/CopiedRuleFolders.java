package cn.yibao.crossregion.workflow;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** The service running on a copy of the rule folders, watched, so a test may change them on disk. */
public class CopiedRuleFolders implements QuarkusTestProfile {

    static final Path ROOT = Path.of("target", "copied-rules");

    @Override
    public Map<String, String> getConfigOverrides() {
        copyShippedRules();
        return Map.of(
                "rules.drl-dir", ROOT.resolve("rules-drl").toString(),
                "rules.dmn-dir", ROOT.resolve("rules-dmn").toString(),
                "rules.tests-dir", ROOT.resolve("rules-tests").toString(),
                "rules.watch", "true");
    }

    static void copyShippedRules() {
        try {
            for (String folder : new String[] {"rules-drl", "rules-dmn", "rules-tests"}) {
                Path target = ROOT.resolve(folder);
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
