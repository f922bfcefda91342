package cn.yibao.crossregion.rules;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/** Where the rule files are read from at start-up, relative to the working directory. */
@ConfigMapping(prefix = "rules")
public interface RulesConfig {

    @WithDefault("rules-drl")
    Path drlDir();

    @WithDefault("rules-dmn")
    Path dmnDir();

    /** The analysts' scenario tests, run before any ruleset goes live. */
    @WithDefault("rules-tests")
    Path testsDir();

    /** How often an instance looks in the database for a version activated elsewhere. */
    @WithDefault("2s")
    java.time.Duration syncInterval();

    /**
     * How many compiled ruleset versions an instance keeps in memory besides the one in force today
     * (README "Policy in time": about 1–2 MB each with the shipped tables, far more with a
     * 16,000-row table); a version needed again is compiled again from its stored files.
     */
    @WithDefault("8")
    int compiledVersionsKept();

    /** The zone whose calendar dates the timeline's effective dates and "today" are (POLICY.md §8). */
    @WithDefault("Asia/Shanghai")
    java.time.ZoneId timeZone();

    /** The effective date of the very first entry of the timeline: the rule folders at the first start. */
    @WithDefault("2000-01-01")
    java.time.LocalDate timelineStart();

    /** Reload whenever a file in the rule folders changes (on in dev mode). */
    @WithDefault("false")
    boolean watch();
}
