package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.api.JsonSettings;
import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.rules.CompiledRulesets;
import cn.yibao.crossregion.rules.Ruleset;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import org.kie.api.definition.rule.Rule;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the explanation of a recorded decision from its record and the ruleset version it was made with. */
@ApplicationScoped
public class Explainer {

    private static final int WHOLE_TABLE_ROWS = 200;

    private final CompiledRulesets rulesets;
    private final ObjectMapper json;
    private final TimelineEntries timelineEntries;

    public Explainer(CompiledRulesets rulesets, ObjectMapper json, TimelineEntries timelineEntries) {
        this.rulesets = rulesets;
        this.timelineEntries = timelineEntries;
        this.json = JsonSettings.exact(json);
    }

    public Explanation explain(String decisionId) {
        DecisionRecord record = DecisionRecord.findById(decisionId);
        if (record == null) {
            throw new NotFoundException("no decision " + decisionId);
        }
        JsonNode response = read(record.responseJson);
        Ruleset ruleset = rulesets.get(record.rulesetVersion);

        List<Explanation.Reason> reasons = new ArrayList<>();
        for (JsonNode reason : response.path("reasons")) {
            reasons.add(new Explanation.Reason(reason.path("code").asText(), reason.path("kind").asText(),
                    new Explanation.Text(reason.path("message").path("zh").asText(), reason.path("message").path("en").asText()),
                    reason.path("source").asText()));
        }
        List<Explanation.Step> fired = new ArrayList<>();
        Map<String, Set<Integer>> matchedRows = new LinkedHashMap<>();
        for (JsonNode step : response.path("firedRules")) {
            if ("DRL".equals(step.path("engine").asText())) {
                String name = step.path("name").asText();
                fired.add(new Explanation.Step(fired.size() + 1, "DRL", name, step.path("file").asText(), sourceOf(ruleset, name),
                        null, null, null));
            } else {
                List<Integer> rows = new ArrayList<>();
                step.path("rows").forEach(row -> rows.add(row.asInt()));
                String model = step.path("model").asText();
                String decision = step.path("decision").asText();
                fired.add(new Explanation.Step(fired.size() + 1, "DMN", null, ruleset.fileOfModel().get(model), null, model, decision, rows));
                matchedRows.computeIfAbsent(model + "/" + decision, key -> new HashSet<>()).addAll(rows);
            }
        }
        List<Explanation.Table> tables = new ArrayList<>();
        matchedRows.forEach((key, rows) -> {
            String[] parts = key.split("/", 2);
            tables.add(table(ruleset, parts[0], parts[1], rows));
        });
        TimelineEntries.DecidingEntry entry = record.timelineEntry == null ? null : timelineEntries.find(record.timelineEntry).orElse(null);
        return new Explanation(record.id, record.decisionType, record.outcome, record.rulesetVersion, record.policyDate, entry,
                record.evaluatedAt,
                summary(record, response), reasons, fired, tables, PayoutSteps.of(response.path("amounts")));
    }

    private static Explanation.Text summary(DecisionRecord record, JsonNode response) {
        String codes = String.join(", ", response.findValuesAsText("code"));
        if ("CLAIM".equals(record.decisionType)) {
            JsonNode amounts = response.path("amounts");
            String payable = amounts.path("payable").asText();
            String total = amounts.path("total").asText();
            return "APPROVED".equals(record.outcome)
                    ? new Explanation.Text("报销申请已核准：应付 " + payable + " 元（总费用 " + total + " 元）。依据：" + codes,
                    "Claim approved: " + payable + " yuan payable of " + total + " yuan. Reasons: " + codes)
                    : new Explanation.Text("报销申请不予核准，应付 0 元。原因：" + codes,
                    "Claim rejected, nothing payable. Reasons: " + codes);
        }
        return "ACCEPTED".equals(record.outcome)
                ? new Explanation.Text("备案申请已受理" + validity(response, "有效期 ", " 至 "),
                "Filing accepted" + validity(response, ", valid ", " to "))
                : new Explanation.Text("备案申请不予受理。原因：" + codes, "Filing rejected. Reasons: " + codes);
    }

    private static String validity(JsonNode response, String prefix, String to) {
        JsonNode from = response.path("validFrom");
        if (from.isMissingNode() || from.isNull()) {
            return "";
        }
        JsonNode until = response.path("validUntil");
        return prefix + from.asText() + to + (until.isNull() || until.isMissingNode() ? "—" : until.asText());
    }

    private static String sourceOf(Ruleset ruleset, String ruleName) {
        for (var pkg : ruleset.kieBase().getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                if (rule.getName().equals(ruleName)) {
                    Object source = rule.getMetaData().get("source");
                    return source == null ? null : String.valueOf(source);
                }
            }
        }
        return null;
    }

    private static Explanation.Table table(Ruleset ruleset, String modelName, String decisionName, Set<Integer> matched) {
        DecisionNode node = ruleset.dmnModel(modelName).getDecisionByName(decisionName);
        if (node == null || !(node.getDecision().getExpression() instanceof DecisionTable table)) {
            return new Explanation.Table(modelName, decisionName, null, List.of(), List.of(), 0, List.of());
        }
        List<String> inputs = table.getInput().stream().map(input -> input.getInputExpression().getText()).toList();
        List<String> outputs = table.getOutput().stream().map(output -> output.getName() == null ? decisionName : output.getName()).toList();
        List<Explanation.Row> rows = new ArrayList<>();
        List<DecisionRule> rules = table.getRule();
        for (int i = 0; i < rules.size(); i++) {
            int number = i + 1;
            if (rules.size() > WHOLE_TABLE_ROWS && !matched.contains(number)) {
                continue;
            }
            DecisionRule rule = rules.get(i);
            rows.add(new Explanation.Row(number,
                    rule.getInputEntry().stream().map(entry -> entry.getText()).toList(),
                    rule.getOutputEntry().stream().map(entry -> entry.getText()).toList(),
                    rule.getAnnotationEntry().isEmpty() ? null : rule.getAnnotationEntry().get(0).getText(),
                    matched.contains(number)));
        }
        return new Explanation.Table(modelName, decisionName, table.getHitPolicy().name(), inputs, outputs, rules.size(), rows);
    }

    private JsonNode read(String stored) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision is not JSON", e);
        }
    }

    /** The payout formula of POLICY.md §5, one line per step, with the numbers of this decision. */
    static final class PayoutSteps {

        private PayoutSteps() {
        }

        static List<Explanation.PayoutStep> of(JsonNode amounts) {
            if (amounts.path("covered").isMissingNode() || amounts.path("covered").isNull()) {
                return List.of();
            }
            String total = amounts.path("total").asText();
            String selfPay = amounts.path("selfPay").asText();
            String covered = amounts.path("covered").asText();
            String deductible = amounts.path("deductible").asText();
            String baseRatio = amounts.path("baseRatio").asText();
            String points = amounts.path("reductionPoints").asText();
            String ratio = amounts.path("ratio").asText();
            String cap = amounts.path("annualCap").asText();
            String prior = amounts.path("priorPaidThisYear").asText("0");
            BigDecimal base = new BigDecimal(covered).subtract(new BigDecimal(deductible)).max(BigDecimal.ZERO);
            BigDecimal capLeft = new BigDecimal(cap).subtract(new BigDecimal(prior)).max(BigDecimal.ZERO);
            List<Explanation.PayoutStep> steps = new ArrayList<>();
            JsonNode coveredDays = amounts.path("coveredDays");
            String coveredFormula = "max(0, " + total + " − " + selfPay + ")"
                    + (coveredDays.isMissingNode() || coveredDays.isNull() ? ""
                    : " × " + coveredDays.asText() + " / " + amounts.path("stayDays").asText() + " days");
            steps.add(new Explanation.PayoutStep("covered",
                    new Explanation.Text("纳入报销的费用 = 总费用 − 自费部分" + (coveredDays.isNull() || coveredDays.isMissingNode() ? "" : "，按可报销天数折算"),
                            "covered = total − self-paid share" + (coveredDays.isNull() || coveredDays.isMissingNode() ? "" : ", for the covered days only")),
                    coveredFormula, new BigDecimal(covered)));
            steps.add(new Explanation.PayoutStep("base",
                    new Explanation.Text("起付线以上部分 = 纳入报销的费用 − 起付线", "base = covered − deductible (起付线)"),
                    "max(0, " + covered + " − " + deductible + ")", base));
            steps.add(new Explanation.PayoutStep("ratio",
                    new Explanation.Text("报销比例 = 基本比例 − 降低的百分点", "ratio = base ratio − reduction points / 100"),
                    "max(0, " + baseRatio + " − " + points + " / 100)", new BigDecimal(ratio)));
            steps.add(new Explanation.PayoutStep("capLeft",
                    new Explanation.Text("年度封顶线剩余 = 封顶线 − 本年已报销", "cap left = annual cap (封顶线) − paid earlier this year"),
                    "max(0, " + cap + " − " + prior + ")", capLeft));
            steps.add(new Explanation.PayoutStep("payable",
                    new Explanation.Text("应付金额 = min(起付线以上部分 × 报销比例, 封顶线剩余)，四舍五入到分",
                            "payable = min(base × ratio, cap left), rounded half up to 0.01"),
                    "min(" + base.toPlainString() + " × " + ratio + ", " + capLeft.toPlainString() + ")",
                    new BigDecimal(amounts.path("payable").asText())));
            return steps;
        }
    }
}
