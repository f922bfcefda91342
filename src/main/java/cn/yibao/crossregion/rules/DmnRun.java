package cn.yibao.crossregion.rules;

import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.event.AfterEvaluateDecisionTableEvent;
import org.kie.dmn.api.core.event.DMNRuntimeEventListener;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One DMN model evaluated once: each decision's result, and the table rows that were selected. */
public record DmnRun(Map<String, Object> results, List<FiredRule> fired) {

    /**
     * The DMN runtime is shared by every decision running on a ruleset, and so are its
     * listeners: this one hands each table's selected rows to the evaluation of the current thread.
     */
    static final class SelectedRows implements DMNRuntimeEventListener {

        private static final ThreadLocal<String> MODEL = new ThreadLocal<>();
        private static final ThreadLocal<List<FiredRule>> SINK = new ThreadLocal<>();

        @Override
        public void afterEvaluateDecisionTable(AfterEvaluateDecisionTableEvent event) {
            List<FiredRule> sink = SINK.get();
            if (sink != null) {
                sink.add(FiredRule.dmn(MODEL.get(), event.getDecisionName(), event.getSelected()));
            }
        }
    }

    static DmnRun evaluate(Ruleset ruleset, String modelName, Map<String, Object> inputs) {
        DMNModel model = ruleset.dmnModel(modelName);
        DMNContext context = ruleset.dmnRuntime().newContext();
        inputs.forEach(context::set);
        List<FiredRule> fired = new ArrayList<>();
        SelectedRows.SINK.set(fired);
        SelectedRows.MODEL.set(modelName);
        DMNResult result;
        try {
            result = ruleset.dmnRuntime().evaluateAll(model, context);
        } finally {
            SelectedRows.SINK.remove();
            SelectedRows.MODEL.remove();
        }
        if (result.hasErrors()) {
            throw new IllegalStateException("DMN model " + modelName + " of ruleset " + ruleset.version() + " failed: "
                    + result.getMessages().stream().map(Object::toString).collect(Collectors.joining("; ")));
        }
        Map<String, Object> results = new HashMap<>();
        for (DMNDecisionResult decision : result.getDecisionResults()) {
            results.put(decision.getDecisionName(), decision.getResult());
        }
        return new DmnRun(results, List.copyOf(fired));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> structure(String decision) {
        return (Map<String, Object>) results.get(decision);
    }
}
