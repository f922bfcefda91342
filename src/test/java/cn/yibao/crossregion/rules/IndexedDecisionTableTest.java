package cn.yibao.crossregion.rules;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.api.core.event.AfterEvaluateDecisionTableEvent;
import org.kie.dmn.api.core.event.DMNRuntimeEventListener;
import org.kie.dmn.core.ast.DMNDTExpressionEvaluator;
import org.kie.dmn.core.ast.DecisionNodeImpl;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.dmn.feel.runtime.functions.DTInvokerFunction;
import org.kie.internal.io.ResourceFactory;

import java.io.StringReader;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The decision-table index changes nothing but speed: a large table compiled with it gives, for
 * every input, the same outputs and the same matched rows as KIE's own row-by-row evaluation.
 */
class IndexedDecisionTableTest {

    private static String shipped;
    private static String large;
    private static List<String> regions;

    @BeforeAll
    static void generate() throws Exception {
        shipped = Files.readString(Path.of("rules-dmn/payout.dmn"));
        regions = GeneratedPayoutTables.regionsFor(600);
        List<String> regionRows = GeneratedPayoutTables.regionRows(regions, 600);
        List<String> rows = new ArrayList<>(regionRows.subList(0, 300));
        rows.addAll(GeneratedPayoutTables.shippedRows(shipped));     // "-" rows in the middle: FIRST must still see them in order
        rows.addAll(regionRows.subList(300, 600));                   // shadowed by the "-" rows above, as in the whole table
        large = GeneratedPayoutTables.withBaseRows(shipped, rows);
    }

    @Test
    void shouldDecideEveryInputAsKieDoesRowByRow() {
        DMNRuntime plain = runtime(DMNRuntimeBuilder.fromDefaults(), large);
        DMNRuntime indexed = runtime(DMNRuntimeBuilder.fromDefaults().setDecisionLogicCompilerFactory(IndexingDecisionTableCompiler.factory()), large);
        List<String> cities = new ArrayList<>(regions);
        cities.add("999999");   // in no row: the whole table decides
        cities.add(null);
        int compared = 0;
        int regionSpecific = 0;
        for (String city : cities) {
            for (String scheme : List.of("EMPLOYEE", "RESIDENT")) {
                for (String status : List.of("EMPLOYED", "RETIRED", "STUDENT")) {
                    for (String care : List.of("INPATIENT", "OUTPATIENT")) {
                        for (int level = 1; level <= 3; level++) {
                            Outcome expected = evaluate(plain, city, scheme, status, care, level);
                            Outcome actual = evaluate(indexed, city, scheme, status, care, level);
                            assertEquals(expected, actual, city + " " + scheme + " " + status + " " + care + " " + level);
                            compared++;
                            if (expected.rows().stream().anyMatch(row -> row <= 300)) {
                                regionSpecific++;
                            }
                        }
                    }
                }
            }
        }
        assertEquals(cities.size() * 36, compared);
        assertNotEquals(0, regionSpecific, "some inputs must be decided by a region-specific row");
    }

    @Test
    void shouldIndexOnlyLargeTables() throws Exception {
        DMNRuntimeBuilder builder = DMNRuntimeBuilder.fromDefaults().setDecisionLogicCompilerFactory(IndexingDecisionTableCompiler.factory());
        assertInstanceOf(IndexingDecisionTableCompiler.IndexedDecisionTable.class, tableOf(runtime(builder, large)));
        assertFalse(tableOf(runtime(DMNRuntimeBuilder.fromDefaults().setDecisionLogicCompilerFactory(IndexingDecisionTableCompiler.factory()), shipped))
                instanceof IndexingDecisionTableCompiler.IndexedDecisionTable);
    }

    private record Outcome(Object basePolicy, List<Integer> rows) {
    }

    private static Outcome evaluate(DMNRuntime runtime, String city, String scheme, String status, String care, int level) {
        List<Integer> rows = new ArrayList<>();
        DMNRuntimeEventListener listener = new DMNRuntimeEventListener() {
            @Override
            public void afterEvaluateDecisionTable(AfterEvaluateDecisionTableEvent event) {
                if (event.getDecisionTableName().equals("Base policy")) {
                    rows.addAll(event.getSelected());
                }
            }
        };
        runtime.addListener(listener);
        try {
            DMNModel model = runtime.getModels().get(0);
            DMNContext context = GeneratedPayoutTables.claimInputs(runtime, city, scheme, status, care, level);
            DMNResult result = runtime.evaluateAll(model, context);
            return new Outcome(result.getDecisionResultByName("Base policy").getResult(), rows);
        } finally {
            runtime.removeListener(listener);
        }
    }

    private static DMNRuntime runtime(DMNRuntimeBuilder builder, String dmn) {
        return builder.buildConfiguration()
                .fromResources(List.of(ResourceFactory.newReaderResource(new StringReader(dmn), "UTF-8")))
                .getOrElseThrow(RuntimeException::new);
    }

    private static Object tableOf(DMNRuntime runtime) throws ReflectiveOperationException {
        DecisionNodeImpl decision = (DecisionNodeImpl) runtime.getModels().get(0).getDecisionByName("Base policy");
        Field invoker = DMNDTExpressionEvaluator.class.getDeclaredField("dt");
        invoker.setAccessible(true);
        return ((DTInvokerFunction) invoker.get(decision.getEvaluator())).getDecisionTable();
    }
}
