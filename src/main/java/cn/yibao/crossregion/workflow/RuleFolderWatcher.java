package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.rules.RulesConfig;
import cn.yibao.crossregion.rules.RulesetInvalidException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

/**
 * With {@code rules.watch=true} (the default in dev mode), reloads the rule folders shortly
 * after a file in them changes. A change that does not compile, validate or pass is logged
 * with its file and line, and the live version stays.
 */
@ApplicationScoped
public class RuleFolderWatcher {

    private static final Logger LOG = Logger.getLogger(RuleFolderWatcher.class);
    /** An editor saves in several steps; wait for the folder to be quiet this long before reloading. */
    private static final long QUIET_MILLIS = 300;

    private final RulesConfig config;
    private final RulesetWorkflow workflow;
    private WatchService watcher;
    private volatile boolean stopped;

    public RuleFolderWatcher(RulesConfig config, RulesetWorkflow workflow) {
        this.config = config;
        this.workflow = workflow;
    }

    void start(@Observes StartupEvent event) throws IOException {
        if (!config.watch()) {
            return;
        }
        watcher = FileSystems.getDefault().newWatchService();
        for (Path folder : new Path[] {config.drlDir(), config.dmnDir(), config.testsDir()}) {
            if (Files.isDirectory(folder)) {
                folder.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            }
        }
        Thread thread = new Thread(this::watch, "rule-folder-watcher");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("watching %s, %s and %s for changes", config.drlDir(), config.dmnDir(), config.testsDir());
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        stopped = true;
        if (watcher != null) {
            watcher.close();
        }
    }

    private void watch() {
        try {
            while (true) {
                var key = watcher.take();
                key.pollEvents();
                key.reset();
                var more = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
                while (more != null) {
                    more.pollEvents();
                    more.reset();
                    more = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
                }
                if (stopped) {
                    return;
                }
                reload();
            }
        } catch (ClosedWatchServiceException | InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private void reload() {
        try {
            RulesetWorkflow.Activation activation = workflow.reload("watcher");
            LOG.infof("rule folders changed: %s is live", activation.version());
        } catch (RulesetInvalidException e) {
            LOG.warnf("rule folders changed but cannot go live; still on the previous version. %s", e.getMessage());
        } catch (RuntimeException e) {
            if (stopped) {
                LOG.debugf(e, "a reload under way when the service stopped did not finish");
            } else {
                LOG.errorf(e, "rule folders changed but the reload failed; still on the previous version");
            }
        }
    }
}
