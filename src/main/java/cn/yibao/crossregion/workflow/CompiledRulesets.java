package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.audit.RulesetArchive;
import cn.yibao.crossregion.rules.Ruleset;
import cn.yibao.crossregion.rules.RulesetCompiler;
import cn.yibao.crossregion.rules.RulesetRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled rulesets by version, for activation and replays: the live one, the last few used,
 * and any stored version compiled again from its archived files on demand.
 */
@ApplicationScoped
public class CompiledRulesets {

    private static final int KEPT = 8;

    private final RulesetCompiler compiler;
    private final RulesetArchive archive;
    private final RulesetRegistry registry;
    private final Map<String, Ruleset> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ruleset> eldest) {
            return size() > KEPT;
        }
    };

    public CompiledRulesets(RulesetCompiler compiler, RulesetArchive archive, RulesetRegistry registry) {
        this.compiler = compiler;
        this.archive = archive;
        this.registry = registry;
    }

    public Ruleset get(String version) {
        Ruleset active = registry.current().orElse(null);
        if (active != null && active.version().equals(version)) {
            return active;
        }
        synchronized (recent) {
            Ruleset known = recent.get(version);
            if (known != null) {
                return known;
            }
        }
        Ruleset compiled = compiler.compile(archive.source(version)
                .orElseThrow(() -> new NotFoundException("no ruleset " + version)));
        remember(compiled);
        return compiled;
    }

    public void remember(Ruleset ruleset) {
        synchronized (recent) {
            recent.put(ruleset.version(), ruleset);
        }
    }
}
