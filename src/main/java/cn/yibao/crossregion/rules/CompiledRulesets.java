package cn.yibao.crossregion.rules;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Compiled rulesets by version: several are live at once (one per timeline entry that decisions
 * reach, plus drafts under test and replays). Compiled lazily from their stored files, at most
 * one compilation per version at a time, and only the last {@code rules.compiled-versions-kept}
 * used are kept in memory.
 */
@ApplicationScoped
public class CompiledRulesets {

    private final RulesetCompiler compiler;
    private final RulesetSources sources;
    private final Map<String, Ruleset> recent;
    private final Map<String, CompletableFuture<Ruleset>> compiling = new ConcurrentHashMap<>();
    /** Compiles off the event loop; one at a time, as compiling takes both cores' worth of allocation anyway. */
    private final ExecutorService compilerThread = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "ruleset-compiler");
        thread.setDaemon(true);
        return thread;
    });

    public CompiledRulesets(RulesetCompiler compiler, RulesetSources sources, RulesConfig config) {
        this.compiler = compiler;
        this.sources = sources;
        int kept = config.compiledVersionsKept();
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Ruleset> eldest) {
                return size() > kept;
            }
        };
    }

    /** The version compiled, waiting for its compilation if needed (not on the event loop). */
    public Ruleset get(String version) {
        try {
            return load(version).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The version compiled: at once if it is in memory, otherwise once the compiler thread has compiled it. */
    public CompletableFuture<Ruleset> load(String version) {
        Ruleset known = known(version);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return compiling.computeIfAbsent(version, v -> CompletableFuture.supplyAsync(() -> compile(v), compilerThread)
                .whenComplete((ruleset, failure) -> compiling.remove(v)));
    }

    public void remember(Ruleset ruleset) {
        synchronized (recent) {
            recent.put(ruleset.version(), ruleset);
        }
    }

    private Ruleset known(String version) {
        synchronized (recent) {
            return recent.get(version);
        }
    }

    private Ruleset compile(String version) {
        Ruleset known = known(version);
        if (known != null) {
            return known;
        }
        Ruleset compiled = compiler.compile(sources.source(version)
                .orElseThrow(() -> new NotFoundException("no ruleset " + version)));
        remember(compiled);
        return compiled;
    }
}
