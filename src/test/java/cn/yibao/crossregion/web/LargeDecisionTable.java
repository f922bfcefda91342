package cn.yibao.crossregion.web;

/**
 * The shipped payout model with rows for many insured regions put above the rows of "Base policy"
 * (24 per region: scheme x status x care type x level), as a table grown region by region would be.
 * The shipped rows stay last, so every claim of another region is decided as before.
 */
final class LargeDecisionTable {

    private static final String[] SCHEMES = {"EMPLOYEE", "RESIDENT"};
    private static final String[] STATUSES = {"not(\"RETIRED\")", "\"RETIRED\""};
    private static final String[] CARE = {"INPATIENT", "OUTPATIENT"};

    private LargeDecisionTable() {
    }

    /** The i-th generated region code: 110100, 110200, … (never a region of the scenarios). */
    static String region(int index) {
        return String.format("%02d%02d00", 11 + index / 90, 1 + index % 90);
    }

    static String withGeneratedBaseRows(String payoutDmn, int rows) {
        int table = payoutDmn.indexOf("id=\"Base_policy_table\"");
        int firstRule = payoutDmn.indexOf("<rule ", table);
        StringBuilder generated = new StringBuilder();
        for (int n = 0; n < rows; n++) {
            int combination = n % 24;
            String id = "Base_policy_generated" + (n + 1);
            generated.append("<rule id=\"").append(id).append("\">")
                    .append(entry("input", id + "_in1", quoted(region(n / 24))))
                    .append(entry("input", id + "_in2", quoted(SCHEMES[combination / 12])))
                    .append(entry("input", id + "_in3", STATUSES[combination / 6 % 2]))
                    .append(entry("input", id + "_in4", quoted(CARE[combination / 3 % 2])))
                    .append(entry("input", id + "_in5", String.valueOf(combination % 3 + 1)))
                    .append(entry("output", id + "_out1", "100"))
                    .append(entry("output", id + "_out2", "0.50"))
                    .append(entry("output", id + "_out3", "500"))
                    .append("<annotationEntry><text>generated for the page test</text></annotationEntry></rule>\n      ");
        }
        return payoutDmn.substring(0, firstRule) + generated + payoutDmn.substring(firstRule);
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }

    private static String entry(String kind, String id, String text) {
        return "<" + kind + "Entry id=\"" + id + "\"><text>" + text.replace("\"", "&quot;") + "</text></" + kind + "Entry>";
    }
}
