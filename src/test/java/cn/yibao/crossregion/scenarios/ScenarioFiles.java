package cn.yibao.crossregion.scenarios;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the analysts' scenario files: every {@code rules-tests/*.yaml} but the base requests,
 * each case's request merged over the base of its decision (maps key by key, null removes).
 */
public final class ScenarioFiles {

    public static final Path FOLDER = Path.of("rules-tests");
    static final String BASE = "base-requests.yaml";

    private static final ObjectMapper YAML = new YAMLMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ScenarioFiles() {
    }

    public static List<Scenario> all() throws IOException {
        JsonNode bases = YAML.readTree(FOLDER.resolve(BASE).toFile());
        List<Scenario> scenarios = new ArrayList<>();
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith(BASE)).sorted().toList()) {
                JsonNode root = YAML.readTree(file.toFile());
                String fileDecision = root.path("decision").asText("claim");
                for (JsonNode item : root.path("cases")) {
                    String decision = item.path("decision").asText(fileDecision);
                    ObjectNode request = bases.get(decision).deepCopy();
                    merge(request, item.path("request"));
                    scenarios.add(new Scenario(file.getFileName().toString(), item.path("name").asText(),
                            item.path("source").asText(), decision, request, item.path("expect")));
                }
            }
        }
        return scenarios;
    }

    static void merge(ObjectNode target, JsonNode overrides) {
        Iterator<Map.Entry<String, JsonNode>> fields = overrides.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode current = target.get(field.getKey());
            if (field.getValue().isNull()) {
                target.remove(field.getKey());
            } else if (current instanceof ObjectNode currentObject && field.getValue().isObject()) {
                merge(currentObject, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }
}
