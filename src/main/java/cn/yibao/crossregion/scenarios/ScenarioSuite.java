package cn.yibao.crossregion.scenarios;

import cn.yibao.crossregion.rules.RuleFile;
import cn.yibao.crossregion.rules.RuleProblem;
import cn.yibao.crossregion.rules.RulesetSource;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analysts' scenario files of a ruleset: every {@code rules-tests/*.yaml} but the base
 * requests, each case's request merged over the base of its decision (maps key by key, a list or
 * value replaces, null removes). Format: README "Scenario files".
 */
public final class ScenarioSuite {

    public static final String BASE = RulesetSource.TESTS + "/base-requests.yaml";

    private static final ObjectMapper YAML = new YAMLMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ScenarioSuite() {
    }

    /** The scenarios of the source; files that do not parse are reported in {@code problems}. */
    public static List<Scenario> parse(RulesetSource source, List<RuleProblem> problems) {
        List<RuleFile> files = source.in(RulesetSource.TESTS, "yaml").stream().filter(file -> !file.path().equals(BASE)).toList();
        if (files.isEmpty()) {
            return List.of();
        }
        Optional<JsonNode> bases = read(source.file(BASE).orElse(null), problems);
        if (bases.isEmpty()) {
            return List.of();
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (RuleFile file : files) {
            read(file, problems).ifPresent(root -> {
                int before = problems.size();
                ScenarioFileShape.check(file, problems);
                if (problems.size() > before) {
                    return;
                }
                String fileDecision = root.path("decision").asText("claim");
                for (JsonNode item : root.path("cases")) {
                    String name = item.path("name").asText();
                    String decision = item.path("decision").asText(fileDecision);
                    int line = lineOf(file.content(), name);
                    if (!(bases.get().get(decision) instanceof ObjectNode base)) {
                        problems.add(new RuleProblem(file.path(), line, "decision must be claim or filing, and " + BASE + " must have a base for it"));
                        continue;
                    }
                    ObjectNode request = base.deepCopy();
                    merge(request, item.path("request"));
                    scenarios.add(new Scenario(file.path(), line, name, item.path("source").asText(), decision, request, item.path("expect")));
                }
            });
        }
        return scenarios;
    }

    private static Optional<JsonNode> read(RuleFile file, List<RuleProblem> problems) {
        if (file == null) {
            problems.add(new RuleProblem(BASE, 0, "file is missing"));
            return Optional.empty();
        }
        try {
            JsonNode root = YAML.readTree(file.content());
            if (root != null && root.isObject()) {
                return Optional.of(root);
            }
            problems.add(new RuleProblem(file.path(), 1, "expected a YAML mapping"));
        } catch (JsonProcessingException e) {
            problems.add(new RuleProblem(file.path(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(), e.getOriginalMessage()));
        }
        return Optional.empty();
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

    private static int lineOf(String content, String name) {
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("name:") && lines[i].contains(name)) {
                return i + 1;
            }
        }
        return 0;
    }
}
