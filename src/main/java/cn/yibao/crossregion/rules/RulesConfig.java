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

    /** Reload whenever a file in the rule folders changes (on in dev mode). */
    @WithDefault("false")
    boolean watch();
}
