package cn.yibao.crossregion.rules;

import cn.yibao.crossregion.policy.Parameters;
import cn.yibao.crossregion.policy.PolicyCalendar;
import cn.yibao.crossregion.policy.ReasonCatalogue;
import cn.yibao.crossregion.policy.ReasonKind;
import cn.yibao.crossregion.policy.ReasonText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the YAML data beside the DRL: parameters.yaml, calendar.yaml and reasons.yaml. */
final class PolicyFiles {

    static final String PARAMETERS = "parameters.yaml";
    static final String CALENDAR = "calendar.yaml";
    static final String REASONS = "reasons.yaml";

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private final RulesetSource source;
    private final List<RuleProblem> problems;

    PolicyFiles(RulesetSource source, List<RuleProblem> problems) {
        this.source = source;
        this.problems = problems;
    }

    Parameters parameters() {
        Map<String, Object> values = new LinkedHashMap<>();
        read(PARAMETERS).ifPresent(root -> root.fields().forEachRemaining(entry -> {
            JsonNode value = entry.getValue().get("value");
            if (value == null || value.isNull()) {
                problems.add(new RuleProblem(pathOf(PARAMETERS), lineOf(PARAMETERS, entry.getKey()), "parameter " + entry.getKey() + " has no value"));
            } else {
                values.put(entry.getKey(), YAML.convertValue(value, Object.class));
            }
        }));
        return new Parameters(values);
    }

    PolicyCalendar calendar() {
        Optional<JsonNode> root = read(CALENDAR);
        if (root.isEmpty()) {
            return null;
        }
        try {
            Set<DayOfWeek> weekdays = new HashSet<>();
            root.get().path("workingWeekdays").forEach(day -> weekdays.add(DayOfWeek.valueOf(day.asText())));
            return new PolicyCalendar(weekdays, dates(root.get().path("holidays")), dates(root.get().path("workingWeekends")));
        } catch (RuntimeException e) {
            problems.add(new RuleProblem(pathOf(CALENDAR), 0, e.getMessage()));
            return null;
        }
    }

    ReasonCatalogue reasons(Parameters parameters) {
        List<ReasonText> texts = new ArrayList<>();
        read(REASONS).ifPresent(root -> root.fields().forEachRemaining(entry -> {
            String code = entry.getKey();
            JsonNode node = entry.getValue();
            int line = lineOf(REASONS, code);
            try {
                texts.add(new ReasonText(code, ReasonKind.valueOf(node.path("kind").asText()),
                        fill(node.path("zh").asText(), parameters, line), fill(node.path("en").asText(), parameters, line),
                        node.path("source").asText()));
            } catch (IllegalArgumentException e) {
                problems.add(new RuleProblem(pathOf(REASONS), line, code + ": kind must be one of EXCLUSION, ELIGIBILITY, ADJUSTMENT, INFO"));
            }
        }));
        return new ReasonCatalogue(texts);
    }

    private String fill(String template, Parameters parameters, int line) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = "{" + name + "}";
            if (parameters.names().contains(name)) {
                Object raw = parameters.get(name);
                value = raw instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList()) : String.valueOf(raw);
            } else {
                problems.add(new RuleProblem(pathOf(REASONS), line, "{" + name + "} is not a parameter of " + PARAMETERS));
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static Set<LocalDate> dates(JsonNode list) {
        Set<LocalDate> dates = new HashSet<>();
        list.forEach(day -> dates.add(LocalDate.parse(day.asText())));
        return dates;
    }

    private Optional<JsonNode> read(String name) {
        Optional<RuleFile> file = source.file(pathOf(name));
        if (file.isEmpty()) {
            problems.add(new RuleProblem(pathOf(name), 0, "file is missing"));
            return Optional.empty();
        }
        try {
            JsonNode root = YAML.readTree(file.get().content());
            if (root == null || !root.isObject()) {
                problems.add(new RuleProblem(file.get().path(), 1, "expected a YAML mapping"));
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(new RuleProblem(file.get().path(), line, e.getOriginalMessage()));
            return Optional.empty();
        }
    }

    private static String pathOf(String name) {
        return RulesetSource.DRL + "/" + name;
    }

    private int lineOf(String name, String key) {
        return source.file(pathOf(name))
                .map(file -> RulesetCompiler.lineOf(file.content(), Pattern.compile("(?m)^" + Pattern.quote(key) + ":")))
                .orElse(0);
    }
}
