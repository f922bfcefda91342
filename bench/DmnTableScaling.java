import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.internal.io.ResourceFactory;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shipped payout model with its "Base policy" table grown to 100, 1,000 and 16,000 rows
 * (region codes x scheme x status x care x level, the matching row near the end), evaluated
 * the way a claim evaluates it; prints the time per decision.
 *
 * java -cp target/classes:<dependencies> bench/DmnTableScaling.java
 */
public class DmnTableScaling {

    private static final String[] SCHEMES = {"EMPLOYEE", "RESIDENT"};
    private static final String[] STATUSES = {"not(\"RETIRED\")", "\"RETIRED\""};
    private static final String[] CARE = {"INPATIENT", "OUTPATIENT"};

    public static void main(String[] args) throws Exception {
        String shipped = Files.readString(Path.of("rules-dmn/payout.dmn"));
        System.out.printf("%10s %14s %14s%n", "rows", "µs/decision", "compile ms");
        for (int rows : new int[] {100, 1_000, 16_000}) {
            List<String> regions = new ArrayList<>();
            int regionsNeeded = (rows + 23) / 24;
            for (int i = 0; i < regionsNeeded; i++) {
                regions.add(String.format("%02d%02d00", 11 + i / 90, 1 + i % 90));
            }
            String dmn = withBaseRows(shipped, regions, rows);
            long compileStart = System.nanoTime();
            DMNRuntime runtime = DMNRuntimeBuilder.fromDefaults().buildConfiguration()
                    .fromResources(List.of(ResourceFactory.newReaderResource(new StringReader(dmn), "UTF-8")))
                    .getOrElseThrow(RuntimeException::new);
            long compileMs = (System.nanoTime() - compileStart) / 1_000_000;
            DMNModel model = runtime.getModels().get(0);
            String lastRegion = regions.get(regions.size() - 1);
            int iterations = 2_000;
            for (int warm = 0; warm < 500; warm++) {
                evaluate(runtime, model, lastRegion);
            }
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                DMNResult result = evaluate(runtime, model, lastRegion);
                if (result.hasErrors()) {
                    throw new IllegalStateException(result.getMessages().toString());
                }
            }
            System.out.printf("%10d %14.1f %14d%n", rows, (System.nanoTime() - start) / 1e3 / iterations, compileMs);
        }
    }

    private static DMNResult evaluate(DMNRuntime runtime, DMNModel model, String region) {
        DMNContext context = runtime.newContext();
        context.set("Insured city", region);
        context.set("Scheme", "RESIDENT");
        context.set("Status", "RETIRED");
        context.set("Care type", "OUTPATIENT");
        context.set("Provider kind", "HOSPITAL");
        context.set("Hospital level", 3);
        context.set("Designated", true);
        context.set("Area", "CROSS_PROVINCE");
        context.set("Unfiled", false);
        context.set("Emergency", false);
        context.set("Settlement", "DIRECT");
        context.set("Valid filing type", "LONG_TERM_RESIDENCE");
        context.set("Extension approved", false);
        context.set("Stay days", 10);
        return runtime.evaluateAll(model, context);
    }

    /** Replaces the rows of "Base policy" with `rows` region-specific rows (24 per region). */
    private static String withBaseRows(String dmn, List<String> regions, int rows) {
        int tableStart = dmn.indexOf("id=\"Base_policy_table\"");
        int firstRule = dmn.indexOf("<rule ", tableStart);
        int tableEnd = dmn.indexOf("</decisionTable>", tableStart);
        StringBuilder generated = new StringBuilder();
        int n = 0;
        outer:
        for (String region : regions) {
            for (String scheme : SCHEMES) {
                for (String status : STATUSES) {
                    for (String care : CARE) {
                        for (int level = 1; level <= 3; level++) {
                            if (n == rows) {
                                break outer;
                            }
                            n++;
                            generated.append("<rule id=\"gen").append(n).append("\">")
                                    .append(entry("input", "\"" + region + "\"")).append(entry("input", "\"" + scheme + "\""))
                                    .append(entry("input", status)).append(entry("input", "\"" + care + "\"")).append(entry("input", String.valueOf(level)))
                                    .append(entry("output", "100")).append(entry("output", "0.5")).append(entry("output", "500"))
                                    .append("<annotationEntry><text>generated</text></annotationEntry></rule>\n");
                        }
                    }
                }
            }
        }
        return dmn.substring(0, firstRule) + generated + dmn.substring(tableEnd);
    }

    private static String entry(String kind, String text) {
        return "<" + kind + "Entry><text>" + text.replace("\"", "&quot;") + "</text></" + kind + "Entry>";
    }
}
