package cn.yibao.crossregion.rules;

import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNRuntime;

import java.util.ArrayList;
import java.util.List;

/**
 * The shipped payout model with a generated "Base policy" table: region-specific rows
 * (region × scheme × status × care × level, 24 per region), for the table-scaling benchmark
 * and the decision-table index tests.
 */
public final class GeneratedPayoutTables {

    private static final String[] SCHEMES = {"EMPLOYEE", "RESIDENT"};
    private static final String[] STATUSES = {"not(\"RETIRED\")", "\"RETIRED\""};
    private static final String[] CARE = {"INPATIENT", "OUTPATIENT"};

    private GeneratedPayoutTables() {
    }

    /**
     * Six-digit city codes, enough for the given number of rows at 24 rows per region. They start
     * at 900100: 90-99 is no province's code, so no scenario's region is among them and a
     * generated table decides every scenario as the shipped one does.
     */
    public static List<String> regionsFor(int rows) {
        List<String> regions = new ArrayList<>();
        for (int i = 0; i < (rows + 23) / 24; i++) {
            regions.add(String.format("%02d%02d00", 90 + i / 90, 1 + i % 90));
        }
        return regions;
    }

    /** {@code rows} region-specific rows, every combination in turn, the ratio varying with the region. */
    public static List<String> regionRows(List<String> regions, int rows) {
        List<String> generated = new ArrayList<>();
        for (String region : regions) {
            for (String scheme : SCHEMES) {
                for (String status : STATUSES) {
                    for (String care : CARE) {
                        for (int level = 1; level <= 3 && generated.size() < rows; level++) {
                            String ratio = "0." + (10 + generated.size() % 89);
                            generated.add(rule("gen" + (generated.size() + 1), "\"" + region + "\"", "\"" + scheme + "\"", status,
                                    "\"" + care + "\"", String.valueOf(level), ratio));
                        }
                    }
                }
            }
        }
        return generated;
    }

    /** The shipped rows of "Base policy" (all with "-" for the region), as they are in the file. */
    public static List<String> shippedRows(String dmn) {
        List<String> rows = new ArrayList<>();
        int at = dmn.indexOf("<rule ", dmn.indexOf("id=\"Base_policy_table\""));
        int tableEnd = dmn.indexOf("</decisionTable>", dmn.indexOf("id=\"Base_policy_table\""));
        while (at >= 0 && at < tableEnd) {
            int end = dmn.indexOf("</rule>", at) + "</rule>".length();
            rows.add(dmn.substring(at, end));
            at = dmn.indexOf("<rule ", end);
        }
        return rows;
    }

    /** The model with the rows of "Base policy" replaced by the given ones. */
    public static String withBaseRows(String dmn, List<String> rows) {
        int tableStart = dmn.indexOf("id=\"Base_policy_table\"");
        int firstRule = dmn.indexOf("<rule ", tableStart);
        int tableEnd = dmn.indexOf("</decisionTable>", tableStart);
        return dmn.substring(0, firstRule) + String.join("\n", rows) + "\n" + dmn.substring(tableEnd);
    }

    /** The payout model's inputs for a directly settled, filed claim at a designated hospital, as a claim sets them. */
    public static DMNContext claimInputs(DMNRuntime runtime, String city, String scheme, String status, String care, int level) {
        DMNContext context = runtime.newContext();
        context.set("Insured city", city);
        context.set("Scheme", scheme);
        context.set("Status", status);
        context.set("Care type", care);
        context.set("Provider kind", "HOSPITAL");
        context.set("Hospital level", level);
        context.set("Designated", true);
        context.set("Area", "CROSS_PROVINCE");
        context.set("Unfiled", false);
        context.set("Emergency", false);
        context.set("Settlement", "DIRECT");
        context.set("Valid filing type", "LONG_TERM_RESIDENCE");
        context.set("Extension approved", false);
        context.set("Stay days", 10);
        return context;
    }

    public static String rule(String id, String region, String scheme, String status, String care, String level, String ratio) {
        return "<rule id=\"" + id + "\">" + entry("input", region) + entry("input", scheme) + entry("input", status)
                + entry("input", care) + entry("input", level)
                + entry("output", "100") + entry("output", ratio) + entry("output", "500")
                + "<annotationEntry><text>generated</text></annotationEntry></rule>";
    }

    private static String entry(String kind, String text) {
        return "<" + kind + "Entry><text>" + text.replace("\"", "&quot;") + "</text></" + kind + "Entry>";
    }
}
