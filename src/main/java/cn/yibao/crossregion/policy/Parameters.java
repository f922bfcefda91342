package cn.yibao.crossregion.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy numbers of {@code rules-drl/parameters.yaml}, as the DRL rules read them
 * ({@code parameters.integer("minimumResidenceMonths")}). Each entry's {@code value} is kept;
 * description, unit and source are for the people who read the file.
 */
public final class Parameters {

    private final Map<String, Object> values;

    public Parameters(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    public int integer(String name) {
        if (get(name) instanceof Number number) {
            return number.intValue();
        }
        throw new IllegalArgumentException("parameter " + name + " is not a whole number");
    }

    public List<String> strings(String name) {
        if (get(name) instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        throw new IllegalArgumentException("parameter " + name + " is not a list");
    }

    public Set<String> names() {
        return values.keySet();
    }

    public Object get(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no parameter " + name + " in rules-drl/parameters.yaml");
        }
        return value;
    }
}
