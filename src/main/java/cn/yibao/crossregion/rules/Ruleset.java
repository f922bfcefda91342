package cn.yibao.crossregion.rules;

import cn.yibao.crossregion.policy.Parameters;
import cn.yibao.crossregion.policy.PolicyCalendar;
import cn.yibao.crossregion.policy.ReasonCatalogue;
import cn.yibao.crossregion.policy.RegionCodes;
import org.kie.api.KieBase;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNRuntime;

import java.util.List;
import java.util.Map;

/**
 * One compiled, validated ruleset: immutable, shared by every decision that runs on it.
 * A decision takes the active ruleset once, at its start, and uses only that one.
 */
public record Ruleset(
        RulesetSource source,
        KieBase kieBase,
        Map<String, String> fileOfRule,
        Map<String, Object> drlGlobals,
        DMNRuntime dmnRuntime,
        Map<String, DMNModel> dmnModels,
        Map<String, String> fileOfModel,
        Parameters parameters,
        PolicyCalendar calendar,
        RegionCodes regionCodes,
        ReasonCatalogue reasons,
        List<RuleProblem> warnings) {

    public String version() {
        return source.version();
    }

    /** Fires the DRL rules once over these facts. */
    public DrlRun fireRules(List<Object> facts) {
        return DrlRun.fire(this, facts);
    }

    /** Evaluates every decision of one DMN model over these inputs. */
    public DmnRun evaluate(String model, Map<String, Object> inputs) {
        return DmnRun.evaluate(this, model, inputs);
    }

    public DMNModel dmnModel(String name) {
        DMNModel model = dmnModels.get(name);
        if (model == null) {
            throw new IllegalStateException("no DMN model " + name + " in ruleset " + version());
        }
        return model;
    }
}
