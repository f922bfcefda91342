package cn.yibao.crossregion.rules;

import org.jboss.logging.Logger;
import org.kie.dmn.core.api.DMNExpressionEvaluator;
import org.kie.dmn.core.ast.DMNBaseNode;
import org.kie.dmn.core.ast.DMNDTExpressionEvaluator;
import org.kie.dmn.core.compiler.DMNCompilerContext;
import org.kie.dmn.core.compiler.DMNCompilerImpl;
import org.kie.dmn.core.compiler.DMNDecisionLogicCompilerFactory;
import org.kie.dmn.core.compiler.DMNEvaluatorCompiler;
import org.kie.dmn.core.impl.DMNModelImpl;
import org.kie.dmn.feel.FEEL;
import org.kie.dmn.feel.runtime.decisiontables.DTDecisionRule;
import org.kie.dmn.feel.runtime.decisiontables.DTInputClause;
import org.kie.dmn.feel.lang.EvaluationContext;
import org.kie.dmn.feel.runtime.decisiontables.DecisionTableImpl;
import org.kie.dmn.feel.runtime.functions.FEELFnResult;
import org.kie.dmn.feel.runtime.functions.DTInvokerFunction;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles DMN decision tables exactly as the KIE engine does, then gives each large one an
 * index on its most selective column of plain string literals (an insured-region column, say).
 *
 * <p>KIE evaluates a decision table row by row, about a microsecond per row: a 16,000-row
 * table of region × scheme × status × care × level takes over 10 ms. Every row whose cell in
 * the indexed column is a different literal cannot match, so the table is split, once, into one
 * sub-table per literal holding that literal's rows and the rows with {@code -} there, in their
 * original order. A decision evaluates only its sub-table, with KIE's own evaluator, hit policy
 * and rules; the rules keep their original numbers, so matched rows are reported as in the
 * whole table. A value with no sub-table of its own is evaluated against the whole table, which
 * keeps defaults and "no rule matched" exactly as KIE has them.
 *
 * <p>KIE keeps the parts of a compiled table private; they are read by reflection here. If an
 * engine upgrade moves them, the table is left unindexed (correct, only slower) and a warning
 * says so.
 */
public final class IndexingDecisionTableCompiler extends DMNEvaluatorCompiler {

    private static final Logger LOG = Logger.getLogger(IndexingDecisionTableCompiler.class);

    /** Below this many rules a scan is as fast as a lookup; the shipped tables stay as they are. */
    static final int MIN_RULES_TO_INDEX = 64;

    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"\\\\]*)\"");

    private IndexingDecisionTableCompiler(DMNCompilerImpl compiler) {
        super(compiler);
    }

    /** For {@code DMNRuntimeBuilder.setDecisionLogicCompilerFactory}. */
    public static DMNDecisionLogicCompilerFactory factory() {
        return (compiler, configuration) -> new IndexingDecisionTableCompiler(compiler);
    }

    @Override
    protected DMNExpressionEvaluator compileDecisionTable(DMNCompilerContext ctx, DMNModelImpl model, DMNBaseNode node,
                                                          String dtName, DecisionTable dt) {
        DMNExpressionEvaluator compiled = super.compileDecisionTable(ctx, model, node, dtName, dt);
        if (dt.getRule().size() < MIN_RULES_TO_INDEX || !(compiled instanceof DMNDTExpressionEvaluator evaluator)) {
            return compiled;
        }
        int column = mostSelectiveLiteralColumn(dt);
        if (column < 0) {
            return compiled;
        }
        try {
            DecisionTableImpl whole = ((DTInvokerFunction) read(DMNDTExpressionEvaluator.class, evaluator, "dt")).getDecisionTable();
            FEEL feel = (FEEL) read(DecisionTableImpl.class, whole, "feel");
            IndexedDecisionTable indexed = new IndexedDecisionTable(whole, feel, column, keysOf(dt, column));
            DMNDTExpressionEvaluator indexedEvaluator = new DMNDTExpressionEvaluator(node, feel, new DTInvokerFunction(indexed));
            indexedEvaluator.setDtNodeId(dt.getId());
            return indexedEvaluator;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("decision table '%s' is evaluated without an index (%s)", dtName, e);
            return compiled;
        }
    }

    /** The column whose cells are all a string literal or "-", with the most distinct literals; -1 if none. */
    private static int mostSelectiveLiteralColumn(DecisionTable dt) {
        int best = -1;
        int bestDistinct = 1;
        for (int column = 0; column < dt.getInput().size(); column++) {
            List<String> keys = keysOf(dt, column);
            if (keys == null) {
                continue;
            }
            int distinct = (int) keys.stream().filter(key -> key != null).distinct().count();
            if (distinct > bestDistinct) {
                best = column;
                bestDistinct = distinct;
            }
        }
        return best;
    }

    /** Each rule's literal in the column (null for "-"), or null if some cell is anything else. */
    private static List<String> keysOf(DecisionTable dt, int column) {
        List<String> keys = new ArrayList<>(dt.getRule().size());
        for (DecisionRule rule : dt.getRule()) {
            String text = rule.getInputEntry().get(column).getText();
            text = text == null ? "" : text.trim();
            Matcher literal = STRING_LITERAL.matcher(text);
            if (text.equals("-")) {
                keys.add(null);
            } else if (literal.matches()) {
                keys.add(literal.group(1));
            } else {
                return null;
            }
        }
        return keys;
    }

    private static Object read(Class<?> type, Object target, String field) throws ReflectiveOperationException {
        Field declared = type.getDeclaredField(field);
        declared.setAccessible(true);
        return declared.get(target);
    }

    /** A decision table that evaluates, for the value of its indexed input, only the rules that could match it. */
    static final class IndexedDecisionTable extends DecisionTableImpl {

        private final FEEL feel;
        private final DTInputClause indexedInput;
        private final Map<String, DecisionTableImpl> byKey;

        @SuppressWarnings("unchecked")
        IndexedDecisionTable(DecisionTableImpl whole, FEEL feel, int column, List<String> keyOfRule) throws ReflectiveOperationException {
            this(whole, feel, column, keyOfRule,
                    (List<DTInputClause>) read(DecisionTableImpl.class, whole, "inputs"),
                    (List<DTDecisionRule>) read(DecisionTableImpl.class, whole, "decisionRules"));
        }

        private IndexedDecisionTable(DecisionTableImpl whole, FEEL feel, int column, List<String> keyOfRule,
                                     List<DTInputClause> inputs, List<DTDecisionRule> rules) {
            super(whole.getName(), whole.getParameterNames(), inputs, whole.getOutputs(), rules, whole.getHitPolicy(), feel);
            setCompiledParameterNames(whole.getCompiledParameterNames());
            this.feel = feel;
            this.indexedInput = inputs.get(column);
            Map<String, List<DTDecisionRule>> rulesByKey = new LinkedHashMap<>();
            keyOfRule.stream().filter(key -> key != null).forEach(key -> rulesByKey.putIfAbsent(key, new ArrayList<>()));
            for (int i = 0; i < rules.size(); i++) {
                String key = keyOfRule.get(i);
                if (key == null) {
                    for (List<DTDecisionRule> keyRules : rulesByKey.values()) {
                        keyRules.add(rules.get(i));
                    }
                } else {
                    rulesByKey.get(key).add(rules.get(i));
                }
            }
            this.byKey = new HashMap<>();
            rulesByKey.forEach((key, keyRules) -> {
                DecisionTableImpl part = new DecisionTableImpl(whole.getName(), whole.getParameterNames(), inputs,
                        whole.getOutputs(), keyRules, whole.getHitPolicy(), feel);
                part.setCompiledParameterNames(whole.getCompiledParameterNames());
                byKey.put(key, part);
            });
        }

        @Override
        public FEELFnResult<Object> evaluate(EvaluationContext ctx, Object[] params) {
            Object value = indexedInput.getCompiledInput() != null
                    ? feel.evaluate(indexedInput.getCompiledInput(), ctx)
                    : feel.evaluate(indexedInput.getInputExpression(), ctx);
            DecisionTableImpl part = value instanceof String key ? byKey.get(key) : null;
            return part != null ? part.evaluate(ctx, params) : super.evaluate(ctx, params);
        }
    }
}
