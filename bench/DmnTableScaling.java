import cn.yibao.crossregion.rules.GeneratedPayoutTables;
import cn.yibao.crossregion.rules.IndexingDecisionTableCompiler;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.internal.io.ResourceFactory;

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The shipped payout model with its "Base policy" table grown to 100, 1,000 and 16,000 rows
 * (region codes x scheme x status x care x level, the matching row near the end), evaluated
 * the way a claim evaluates it, compiled by KIE as is and with the service's decision-table
 * index ({@code IndexingDecisionTableCompiler}); prints the time per decision.
 *
 * java -cp target/classes:target/test-classes:<dependencies> bench/DmnTableScaling.java (bench/run.sh does)
 */
public class DmnTableScaling {

    public static void main(String[] args) throws Exception {
        String shipped = Files.readString(Path.of("rules-dmn/payout.dmn"));
        System.out.println("per decision: wall time and CPU time of this thread (the CPU time holds on a busy machine)");
        System.out.printf("%8s  %-26s %12s %12s %12s%n", "rows", "compiler", "wall µs", "CPU µs", "compile ms");
        for (int rows : new int[] {100, 1_000, 16_000}) {
            List<String> regions = GeneratedPayoutTables.regionsFor(rows);
            String dmn = GeneratedPayoutTables.withBaseRows(shipped, GeneratedPayoutTables.regionRows(regions, rows));
            String lastRegion = regions.get(regions.size() - 1);
            measure(rows, "KIE as is", DMNRuntimeBuilder.fromDefaults(), dmn, lastRegion);
            measure(rows, "with the service's index", DMNRuntimeBuilder.fromDefaults()
                    .setDecisionLogicCompilerFactory(IndexingDecisionTableCompiler.factory()), dmn, lastRegion);
        }
    }

    private static void measure(int rows, String compiler, DMNRuntimeBuilder builder, String dmn, String region) {
        long compileStart = System.nanoTime();
        DMNRuntime runtime = builder.buildConfiguration()
                .fromResources(List.of(ResourceFactory.newReaderResource(new StringReader(dmn), "UTF-8")))
                .getOrElseThrow(RuntimeException::new);
        long compileMs = (System.nanoTime() - compileStart) / 1_000_000;
        DMNModel model = runtime.getModels().get(0);
        // Budgets in CPU time of this thread, not wall time, so that a busy machine neither cuts the JIT's
        // warm-up short nor inflates the result: about 1 s of CPU to warm up, then 2 s measured.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long warmUntil = threads.getCurrentThreadCpuTime() + 1_000_000_000L;
        while (threads.getCurrentThreadCpuTime() < warmUntil) {
            evaluate(runtime, model, region);
        }
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        int iterations = 0;
        while (threads.getCurrentThreadCpuTime() - cpuStart < 2_000_000_000L || iterations < 20) {
            DMNResult result = evaluate(runtime, model, region);
            if (result.hasErrors()) {
                throw new IllegalStateException(result.getMessages().toString());
            }
            iterations++;
        }
        double wall = (System.nanoTime() - start) / 1e3 / iterations;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / iterations;
        System.out.printf("%8d  %-26s %12.1f %12.1f %12d%n", rows, compiler, wall, cpu, compileMs);
    }

    private static DMNResult evaluate(DMNRuntime runtime, DMNModel model, String region) {
        return runtime.evaluateAll(model, GeneratedPayoutTables.claimInputs(runtime, region, "RESIDENT", "RETIRED", "OUTPATIENT", 3));
    }
}
