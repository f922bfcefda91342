package cn.yibao.crossregion.policy;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reason codes of {@code rules-drl/reasons.yaml}, in the order decisions list them. */
public final class ReasonCatalogue {

    private final Map<String, ReasonText> byCode;
    private final Map<String, Integer> position = new LinkedHashMap<>();

    public ReasonCatalogue(List<ReasonText> texts) {
        byCode = new LinkedHashMap<>();
        for (ReasonText text : texts) {
            byCode.put(text.code(), text);
            position.put(text.code(), position.size());
        }
    }

    public Optional<ReasonText> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public ReasonText get(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException("reason code " + code + " is not in rules-drl/reasons.yaml"));
    }

    /** The given codes' texts, each once, in catalogue order. */
    public List<ReasonText> describe(Collection<String> codes) {
        return describe(codes, Map.of());
    }

    /** As {@link #describe(Collection)}, each code reported by a table row with that row's outputs quoted. */
    public List<ReasonText> describe(Collection<String> codes, Map<String, Map<String, Object>> rowOutputsByCode) {
        return codes.stream().distinct()
                .map(this::get)
                .map(text -> rowOutputsByCode.containsKey(text.code()) ? text.withRow(rowOutputsByCode.get(text.code())) : text)
                .sorted(Comparator.comparing(text -> position.get(text.code())))
                .toList();
    }
}
