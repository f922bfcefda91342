package cn.yibao.crossregion.scenarios;

import cn.yibao.crossregion.decision.Amounts;
import cn.yibao.crossregion.rules.RuleFile;
import cn.yibao.crossregion.rules.RuleProblem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys a scenario file may hold, checked with the line of each before its cases are read: a
 * typo an analyst makes ({@code reason:} for {@code reasons:}, {@code payble:}) would otherwise
 * check nothing, silently. A case needs a {@code name}, its {@code source} passage and a non-empty
 * {@code expect}.
 */
final class ScenarioFileShape {

    private static final Set<String> FILE_KEYS = Set.of("decision", "cases");
    private static final Set<String> CASE_KEYS = Set.of("name", "source", "decision", "request", "expect");
    private static final Set<String> REQUIRED_CASE_KEYS = Set.of("name", "source", "expect");
    private static final Set<String> AMOUNTS = new TreeSet<>(Arrays.stream(Amounts.class.getRecordComponents()).map(c -> c.getName()).toList());

    private ScenarioFileShape() {
    }

    /** Adds a problem, at its line, for each key that is unknown or missing; the file must already parse. */
    static void check(RuleFile file, List<RuleProblem> problems) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(file.content()));
        } catch (YAMLException unreadable) {
            return;
        }
        if (!(root instanceof MappingNode mapping)) {
            return;
        }
        Map<String, NodeTuple> fileKeys = keys(file, mapping, FILE_KEYS, "a scenario file", problems);
        NodeTuple cases = fileKeys.get("cases");
        if (cases == null) {
            problems.add(new RuleProblem(file.path(), line(root), "a scenario file needs cases:"));
            return;
        }
        if (!(cases.getValueNode() instanceof SequenceNode list)) {
            problems.add(new RuleProblem(file.path(), line(cases.getValueNode()), "cases: must be a list of cases (- name: …)"));
            return;
        }
        Set<String> names = new HashSet<>();
        for (Node item : list.getValue()) {
            checkCase(file, item, names, problems);
        }
    }

    private static void checkCase(RuleFile file, Node item, Set<String> names, List<RuleProblem> problems) {
        if (!(item instanceof MappingNode scenario)) {
            problems.add(new RuleProblem(file.path(), line(item), "a case must be a mapping with name, source, request and expect"));
            return;
        }
        Map<String, NodeTuple> keys = keys(file, scenario, CASE_KEYS, "a case", problems);
        for (String required : REQUIRED_CASE_KEYS) {
            if (!keys.containsKey(required)) {
                problems.add(new RuleProblem(file.path(), line(item), "a case needs " + required + ":"));
            }
        }
        NodeTuple name = keys.get("name");
        if (name != null && name.getValueNode() instanceof ScalarNode text && !names.add(text.getValue())) {
            problems.add(new RuleProblem(file.path(), line(name.getKeyNode()), "two cases are named \"" + text.getValue() + "\""));
        }
        NodeTuple expect = keys.get("expect");
        if (expect == null) {
            return;
        }
        if (!(expect.getValueNode() instanceof MappingNode expected) || expected.getValue().isEmpty()) {
            problems.add(new RuleProblem(file.path(), line(expect.getKeyNode()), "expect: must name at least one of " + new TreeSet<>(Expectations.KEYS)));
            return;
        }
        Map<String, NodeTuple> expectKeys = keys(file, expected, Expectations.KEYS, "expect:", problems);
        NodeTuple amounts = expectKeys.get("amounts");
        if (amounts != null) {
            if (amounts.getValueNode() instanceof MappingNode amountMap) {
                keys(file, amountMap, AMOUNTS, "expect.amounts:", problems);
            } else {
                problems.add(new RuleProblem(file.path(), line(amounts.getKeyNode()), "expect.amounts: must be a mapping of " + AMOUNTS));
            }
        }
    }

    /** The mapping's keys by name; each one not among {@code allowed} is a problem at its line. */
    private static Map<String, NodeTuple> keys(RuleFile file, MappingNode mapping, Set<String> allowed, String where, List<RuleProblem> problems) {
        Map<String, NodeTuple> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(tuple.getKeyNode());
            if (!allowed.contains(key)) {
                problems.add(new RuleProblem(file.path(), line(tuple.getKeyNode()),
                        "unknown key \"" + key + "\" in " + where + " (expected one of " + new TreeSet<>(allowed) + ")"));
            }
            keys.put(key, tuple);
        }
        return keys;
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
