package cn.yibao.crossregion.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every reason code of rules-drl/reasons.yaml has a rule that produces it and a scenario that expects it. */
class ReasonCatalogueTest {

    @TestFactory
    Stream<DynamicTest> everyReasonCodeHasARuleAndAScenario() throws IOException {
        JsonNode catalogue = new YAMLMapper().readTree(Path.of("rules-drl/reasons.yaml").toFile());
        String rules = concatenated(Path.of("rules-drl"), ".drl") + concatenated(Path.of("rules-dmn"), ".dmn");
        String scenarios = concatenated(Path.of("rules-tests"), ".yaml");
        List<String> codes = new ArrayList<>();
        catalogue.fieldNames().forEachRemaining(codes::add);
        assertFalse(codes.isEmpty());
        return codes.stream().map(code -> DynamicTest.dynamicTest(code, () -> {
            assertTrue(rules.contains("\"" + code + "\""), code + " is produced by no rule in rules-drl/ or rules-dmn/");
            assertTrue(Pattern.compile("\\b" + code + "\\b").matcher(scenarios).find(), code + " is expected by no scenario in rules-tests/");
        }));
    }

    private static String concatenated(Path folder, String extension) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(extension)).sorted().toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }
}
