package cn.yibao.crossregion.rules;

import java.util.Optional;

/** Where the files of a stored ruleset version are kept (the workflow's archive). */
public interface RulesetSources {

    Optional<RulesetSource> source(String version);
}
