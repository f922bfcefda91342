package cn.yibao.crossregion.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A DRL rule that fired ({@code name}, {@code file}) or a DMN decision table and the rows it
 * selected ({@code model}, {@code decision}, {@code rows}, 1-based), in the order they happened.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FiredRule(String engine, String name, String file, String model, String decision, List<Integer> rows) {

    public static final String DRL = "DRL";
    public static final String DMN = "DMN";

    public static FiredRule drl(String name, String file) {
        return new FiredRule(DRL, name, file, null, null, null);
    }

    public static FiredRule dmn(String model, String decision, List<Integer> rows) {
        return new FiredRule(DMN, null, null, model, decision, List.copyOf(rows));
    }

    /**
     * How the audit trail's {@code rule=} filter names it: the DRL rule name, or
     * {@code model/decision/row} for each selected DMN row.
     */
    @JsonIgnore
    public List<String> keys() {
        if (DRL.equals(engine)) {
            return List.of(name);
        }
        return rows.stream().map(row -> model + "/" + decision + "/" + row).toList();
    }
}
