package cn.yibao.crossregion.scenarios;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Compares a decision, as JSON, with what a scenario expects; each difference in one line. */
public final class Expectations {

    /** What an {@code expect:} may name; anything else in a scenario file is a load error (ScenarioFileShape). */
    public static final Set<String> KEYS = Set.of("outcome", "reasons", "area", "validFrom", "validUntil", "policyDate", "amounts", "rules");

    private Expectations() {
    }

    public static List<String> mismatches(JsonNode expect, JsonNode decision) {
        List<String> mismatches = new ArrayList<>();
        if (expect.has("outcome") && !expect.get("outcome").asText().equals(decision.path("outcome").asText())) {
            mismatches.add("outcome: expected " + expect.get("outcome").asText() + ", was " + decision.path("outcome").asText());
        }
        if (expect.has("reasons")) {
            List<String> codes = new ArrayList<>();
            decision.path("reasons").forEach(reason -> codes.add(reason.path("code").asText()));
            Set<String> expected = new TreeSet<>();
            expect.get("reasons").forEach(code -> expected.add(code.asText()));
            if (!expected.equals(new TreeSet<>(codes)) || codes.size() != new HashSet<>(codes).size()) {
                mismatches.add("reasons: expected " + expected + ", was " + codes);
            }
        }
        for (String field : List.of("area", "validFrom", "validUntil", "policyDate")) {
            if (expect.has(field) && !same(textOrNull(expect.get(field)), textOrNull(decision.get(field)))) {
                mismatches.add(field + ": expected " + textOrNull(expect.get(field)) + ", was " + textOrNull(decision.get(field)));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> amounts = expect.path("amounts").fields();
        while (amounts.hasNext()) {
            Map.Entry<String, JsonNode> amount = amounts.next();
            JsonNode actual = decision.path("amounts").get(amount.getKey());
            boolean actualAbsent = actual == null || actual.isNull();
            boolean matches = amount.getValue().isNull() ? actualAbsent
                    : !actualAbsent && new BigDecimal(amount.getValue().asText()).compareTo(new BigDecimal(actual.asText())) == 0;
            if (!matches) {
                mismatches.add("amounts." + amount.getKey() + ": expected " + amount.getValue() + ", was " + actual);
            }
        }
        if (expect.has("rules")) {
            Set<String> fired = firedKeys(decision);
            expect.get("rules").forEach(rule -> {
                if (!fired.contains(rule.asText())) {
                    mismatches.add("rule " + rule.asText() + " did not fire");
                }
            });
        }
        return mismatches;
    }

    /** DRL rules by name, DMN rows as model/decision/row, as the audit trail's rule= filter names them. */
    private static Set<String> firedKeys(JsonNode decision) {
        Set<String> keys = new HashSet<>();
        for (JsonNode fired : decision.path("firedRules")) {
            if ("DRL".equals(fired.path("engine").asText())) {
                keys.add(fired.path("name").asText());
            } else {
                fired.path("rows").forEach(row -> keys.add(fired.path("model").asText() + "/" + fired.path("decision").asText() + "/" + row.asText()));
            }
        }
        return keys;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
