import cn.yibao.crossregion.rules.GeneratedPayoutTables;
import cn.yibao.crossregion.rules.Ruleset;
import cn.yibao.crossregion.rules.RulesetCompiler;
import cn.yibao.crossregion.rules.RulesetSource;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The heap a compiled ruleset version holds, for README "Policy in time" (how many versions
 * rules.compiled-versions-kept may keep): versions that differ in a table cell only (they share
 * the compiled DRL, as timeline versions revising a number do), versions whose DRL differs too,
 * and versions carrying a 16,000-row payout table. Heap used after a full GC, before and after
 * holding each set of versions.
 *
 * java -cp target/classes:target/test-classes:<dependencies> bench/RulesetMemory.java (bench/run.sh does)
 */
public class RulesetMemory {

    private static final int VERSIONS = 4;

    public static void main(String[] args) {
        RulesetSource shipped = RulesetSource.read(Path.of("rules-drl"), Path.of("rules-dmn"), Path.of("rules-tests"));
        String payout = shipped.file("rules-dmn/payout.dmn").orElseThrow().content();
        String exclusions = shipped.file("rules-drl/exclusions.drl").orElseThrow().content();
        String large = GeneratedPayoutTables.withBaseRows(payout,
                GeneratedPayoutTables.regionRows(GeneratedPayoutTables.regionsFor(16_000), 16_000));

        System.out.printf("%-58s %10s%n", "versions held in memory", "KB each");
        measure("shipped rules, a ratio changed (DRL shared)", i -> shipped.with(Map.of(
                "rules-dmn/payout.dmn", payout.replace("<text>0.93</text>", "<text>0.9" + i + "</text>"))));
        measure("shipped rules, DRL changed too (nothing shared)", i -> shipped.with(Map.of(
                "rules-dmn/payout.dmn", payout.replace("<text>0.93</text>", "<text>0.9" + i + "</text>"),
                "rules-drl/exclusions.drl", exclusions + "\n// version " + i + "\n")));
        measure("16,000-row payout table, a ratio changed (DRL shared)", i -> shipped.with(Map.of(
                "rules-dmn/payout.dmn", large.replace("<text>0.93</text>", "<text>0.9" + i + "</text>"))));
    }

    private static void measure(String what, java.util.function.IntFunction<RulesetSource> version) {
        RulesetCompiler compiler = new RulesetCompiler();
        compiler.compile(version.apply(9));   // the compiler's own warm state is not a version's cost
        long before = usedAfterGc();
        List<Ruleset> held = new ArrayList<>();
        for (int i = 0; i < VERSIONS; i++) {
            held.add(compiler.compile(version.apply(i)));
        }
        long after = usedAfterGc();
        System.out.printf("%-58s %10.0f%n", what, (after - before) / (double) VERSIONS / 1024);
        if (held.size() != VERSIONS) {
            throw new IllegalStateException();
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
