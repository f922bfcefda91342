package cn.yibao.crossregion.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every number a policy analyst can change, each changed alone: one mutant per numeric literal of
 * every decision-table cell and literal expression of the shipped DMN models, and per number in
 * {@code rules-drl/parameters.yaml} (README "Mutation check"). The numbers are read from the
 * files, never written here; a mutant is the ruleset's files with one file's text changed at one
 * place, so it compiles and runs exactly as a draft with that edit would.
 *
 * <p>Operators, one per literal:
 * <ul>
 *   <li><b>boundary</b> — a literal behind a comparison moves the boundary by one unit:
 *       {@code > 60} → {@code >= 60}, {@code <= 6} → {@code < 6}; an end of a range flips between
 *       closed and open: {@code [0..6)} → {@code (0..6)}, {@code [0..6)} → {@code [0..6]};</li>
 *   <li><b>nudge</b> — any other number (an output, an equality test, a parameter) grows by one
 *       unit of its last written digit: 300 → 301, 0.85 → 0.86, 60 → 61;</li>
 *   <li><b>code</b> — a code written as a string of digits (a region code in a table, a province
 *       code in a parameter) becomes the next code: "440700" → "440701", "11" → "12".</li>
 * </ul>
 * {@code calendar.yaml} holds weekday names and dates, no numbers, and {@code reasons.yaml} texts;
 * neither is mutated. Numbers inside DRL rules are not mutated either (they hold none but
 * salience and the 0 of {@code selfPay > 0}; every policy number is a parameter).
 */
public final class RuleMutants {

    public record Mutant(String file, int line, String where, String original, String mutated, String operator,
                         String mutatedContent) {

        public String location() {
            return file + ":" + line + " " + where;
        }

        public RulesetSource applyTo(RulesetSource source) {
            return source.with(Map.of(file, mutatedContent));
        }
    }

    public static final String PARAMETERS = RulesetSource.DRL + "/parameters.yaml";

    private static final Pattern TAG = Pattern.compile(
            "<(/?)(?:\\w+:)?(decision|decisionTable|input|output|rule|inputEntry|outputEntry|literalExpression|text)\\b([^>]*?)(/?)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\b(name|label)=\"([^\"]*)\"");
    /** A FEEL string literal, or a number outside one. */
    private static final Pattern FEEL_TOKEN = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|(?<!\\w)(?<!\\d\\.)-?\\d+(?:\\.\\d+)?(?!\\w)(?!\\.\\d)");
    /** A quoted string or a number on a YAML value line (a scalar, or an element of a flow list). */
    private static final Pattern YAML_LITERAL = Pattern.compile("\"[^\"]*\"|'[^']*'|(?<![\\w.])-?\\d+(?:\\.\\d+)?(?![\\w.])");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern COMPARISON_BEFORE = Pattern.compile("(&lt;=|&gt;=|<=|>=|&lt;|&gt;|<|>)\\s*$");
    private static final YAMLMapper YAML = new YAMLMapper();

    private RuleMutants() {
    }

    /** Every mutant of the source, DMN models first (file order), then parameters. */
    public static List<Mutant> of(RulesetSource source) {
        List<Mutant> mutants = new ArrayList<>();
        for (RuleFile file : source.in(RulesetSource.DMN, "dmn")) {
            mutants.addAll(dmn(file));
        }
        source.file(PARAMETERS).ifPresent(file -> mutants.addAll(parameters(file)));
        return mutants;
    }

    // ---- DMN ----------------------------------------------------------------------------------

    static List<Mutant> dmn(RuleFile file) {
        String xml = file.content();
        List<Mutant> mutants = new ArrayList<>();
        String decision = null;
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        int row = 0;
        int inputEntry = 0;
        int outputEntry = 0;
        String cell = null;
        Matcher tag = TAG.matcher(xml);
        while (tag.find()) {
            boolean closing = !tag.group(1).isEmpty();
            String element = tag.group(2);
            String attributes = tag.group(3);
            if (closing) {
                if (element.equals("inputEntry") || element.equals("outputEntry") || element.equals("literalExpression")) {
                    cell = null;
                }
                continue;
            }
            switch (element) {
                case "decision" -> decision = attribute(attributes, "name");
                case "decisionTable" -> {
                    inputs = new ArrayList<>();
                    outputs = new ArrayList<>();
                    row = 0;
                }
                case "input" -> inputs.add(attribute(attributes, "label"));
                case "output" -> outputs.add(attribute(attributes, "name"));
                case "rule" -> {
                    row++;
                    inputEntry = 0;
                    outputEntry = 0;
                }
                case "inputEntry" -> cell = "\"" + decision + "\" row " + row + " input " + name(inputs, inputEntry++);
                case "outputEntry" -> cell = "\"" + decision + "\" row " + row + " output " + name(outputs, outputEntry++);
                case "literalExpression" -> cell = "\"" + decision + "\" literal expression";
                case "text" -> {
                    if (cell != null && tag.group(4).isEmpty()) {
                        int start = tag.end();
                        int end = xml.indexOf("</", start);
                        mutants.addAll(cellMutants(file, xml, start, xml.substring(start, end), cell));
                    }
                }
                default -> {
                }
            }
        }
        return mutants;
    }

    private static List<Mutant> cellMutants(RuleFile file, String xml, int offset, String text, String cell) {
        List<Mutant> mutants = new ArrayList<>();
        Matcher token = FEEL_TOKEN.matcher(text);
        while (token.find()) {
            String literal = token.group();
            String mutatedText;
            String operator;
            if (literal.startsWith("\"")) {
                String inner = literal.substring(1, literal.length() - 1);
                if (!DIGITS.matcher(inner).matches()) {
                    continue;
                }
                mutatedText = replace(text, token.start(), token.end(), "\"" + nextCode(inner) + "\"");
                operator = "code";
            } else {
                String before = text.substring(0, token.start());
                String after = text.substring(token.end());
                Matcher comparison = COMPARISON_BEFORE.matcher(before);
                if (comparison.find()) {
                    mutatedText = before.substring(0, comparison.start()) + flipComparison(comparison.group(1))
                            + before.substring(comparison.start() + comparison.group(1).length()) + literal + after;
                    operator = "boundary";
                } else if (before.stripTrailing().matches("(?s).*[\\[(\\]]") && after.stripLeading().startsWith("..")) {
                    // the start of a range: [a.. closed, (a.. and ]a.. open
                    int bracket = before.stripTrailing().length() - 1;
                    mutatedText = replace(text, bracket, bracket + 1, text.charAt(bracket) == '[' ? "(" : "[");
                    operator = "boundary";
                } else if (after.stripLeading().matches("(?s)[\\])\\[].*") && before.stripTrailing().endsWith("..")) {
                    // the end of a range: ..b] closed, ..b) and ..b[ open
                    int bracket = token.end() + (after.length() - after.stripLeading().length());
                    mutatedText = replace(text, bracket, bracket + 1, text.charAt(bracket) == ']' ? ")" : "]");
                    operator = "boundary";
                } else {
                    mutatedText = replace(text, token.start(), token.end(), nudge(literal));
                    operator = "nudge";
                }
            }
            int line = RulesetCompiler.lineAt(xml, offset);
            mutants.add(new Mutant(file.path(), line, cell, unescape(text), unescape(mutatedText), operator,
                    xml.substring(0, offset) + mutatedText + xml.substring(offset + text.length())));
        }
        return mutants;
    }

    private static String flipComparison(String comparison) {
        return switch (comparison) {
            case "&lt;=" -> "&lt;";
            case "&gt;=" -> "&gt;";
            case "&lt;" -> "&lt;=";
            case "&gt;" -> "&gt;=";
            case "<=" -> "<";
            case ">=" -> ">";
            case "<" -> "<=";
            default -> ">=";
        };
    }

    // ---- parameters.yaml ----------------------------------------------------------------------

    static List<Mutant> parameters(RuleFile file) {
        List<Mutant> mutants = new ArrayList<>();
        JsonNode root;
        try {
            root = YAML.readTree(file.content());
        } catch (JsonProcessingException e) {
            return mutants;   // the compiler reports it; the baseline run fails first
        }
        String[] lines = file.content().split("\n", -1);
        Iterator<Map.Entry<String, JsonNode>> entries = root.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode value = entry.getValue().get("value");
            int valueLine = valueLine(lines, entry.getKey());
            if (value == null || valueLine < 0) {
                continue;
            }
            if (value.isNumber()) {
                String literal = value.asText();
                mutants.add(parameterMutant(file, lines, valueLine, entry.getKey() + ".value", literal, nudge(literal), "nudge", 0));
            } else if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    JsonNode element = value.get(i);
                    if (element.isNumber()) {
                        String literal = element.asText();
                        mutants.add(parameterMutant(file, lines, valueLine, entry.getKey() + ".value[" + i + "]", literal, nudge(literal), "nudge", i));
                    } else if (element.isTextual() && DIGITS.matcher(element.asText()).matches()) {
                        String literal = "\"" + element.asText() + "\"";
                        mutants.add(parameterMutant(file, lines, valueLine, entry.getKey() + ".value[" + i + "]", literal,
                                "\"" + nextCode(element.asText()) + "\"", "code", i));
                    }
                }
            }
        }
        return mutants;
    }

    /** The line of {@code value:} under the top-level key, as an index into the lines. */
    private static int valueLine(String[] lines, String key) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(key + ":")) {
                for (int j = i + 1; j < lines.length && (lines[j].isBlank() || Character.isWhitespace(lines[j].charAt(0))); j++) {
                    if (lines[j].stripLeading().startsWith("value:")) {
                        return j;
                    }
                }
            }
        }
        return -1;
    }

    /** Replaces the {@code index}-th literal after {@code value:} on its line, leaving every other character of the file. */
    private static Mutant parameterMutant(RuleFile file, String[] lines, int valueLine, String path, String literal,
                                          String mutated, String operator, int index) {
        String line = lines[valueLine];
        int from = line.indexOf("value:") + "value:".length();
        Matcher token = YAML_LITERAL.matcher(line).region(from, line.length());
        for (int i = 0; i <= index; i++) {
            if (!token.find()) {
                throw new IllegalStateException(file.path() + ":" + (valueLine + 1) + " does not show " + path);
            }
        }
        if (!token.group().equals(literal)) {
            throw new IllegalStateException(file.path() + ":" + (valueLine + 1) + " shows " + token.group() + " for " + path + ", not " + literal);
        }
        String[] changed = lines.clone();
        changed[valueLine] = line.substring(0, token.start()) + mutated + line.substring(token.end());
        return new Mutant(file.path(), valueLine + 1, path, literal, mutated, operator, String.join("\n", changed));
    }

    // ---- shared -------------------------------------------------------------------------------

    /** One unit of the last written digit more: 300 → 301, 0.85 → 0.86, 0.90 → 0.91. */
    static String nudge(String literal) {
        BigDecimal value = new BigDecimal(literal);
        return value.add(BigDecimal.ONE.movePointLeft(Math.max(value.scale(), 0))).toPlainString();
    }

    /** The next code of the same width: "440700" → "440701", "11" → "12". */
    static String nextCode(String digits) {
        String next = new BigDecimal(digits).add(BigDecimal.ONE).toPlainString();
        return "0".repeat(Math.max(0, digits.length() - next.length())) + next;
    }

    private static String attribute(String attributes, String name) {
        Matcher matcher = ATTRIBUTE.matcher(attributes);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return unescape(matcher.group(2));
            }
        }
        return "?";
    }

    private static String name(List<String> names, int index) {
        return index < names.size() ? "\"" + names.get(index) + "\"" : "#" + (index + 1);
    }

    private static String replace(String text, int start, int end, String with) {
        return text.substring(0, start) + with + text.substring(end);
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
