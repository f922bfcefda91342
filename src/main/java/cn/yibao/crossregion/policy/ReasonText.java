package cn.yibao.crossregion.policy;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code rules-drl/reasons.yaml} says about one reason code, parameters filled in. A text
 * reported by a DMN table row may also quote that row's outputs, {@code {row.points}}: filled,
 * decision by decision, from the row that applied ({@link #withRow}), so that a number lives in one
 * place, the table.
 */
public record ReasonText(String code, ReasonKind kind, String zh, String en, String source) {

    private static final Pattern ROW_PLACEHOLDER = Pattern.compile("\\{row\\.(\\w+)}");

    /** The row outputs the texts quote: {@code {row.points}} → points. */
    public Set<String> rowOutputs() {
        Set<String> names = new LinkedHashSet<>();
        for (String text : new String[] {zh, en}) {
            Matcher matcher = ROW_PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** The texts with the outputs of the row that reported this code filled in. */
    public ReasonText withRow(Map<String, Object> rowOutputs) {
        return new ReasonText(code, kind, fill(zh, rowOutputs), fill(en, rowOutputs), source);
    }

    private static String fill(String text, Map<String, Object> rowOutputs) {
        Matcher matcher = ROW_PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            Object value = rowOutputs.get(matcher.group(1));
            String shown = value instanceof BigDecimal number ? number.stripTrailingZeros().toPlainString()
                    : value == null ? matcher.group() : String.valueOf(value);
            matcher.appendReplacement(filled, Matcher.quoteReplacement(shown));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }
}
