package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.audit.record.DiskSync;
import cn.yibao.crossregion.rules.RuleFile;
import cn.yibao.crossregion.rules.RulesetSource;
import cn.yibao.crossregion.rules.RulesetSources;
import cn.yibao.crossregion.scenarios.ScenarioReport;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Optional;

/** Keeps the files of every ruleset version once, content-addressed, and the history of activations. */
@ApplicationScoped
public class RulesetArchive implements RulesetSources {

    public static final String FROM_DISK = "DISK";
    public static final String FROM_DRAFT = "DRAFT";

    private final DiskSync diskSync;

    public RulesetArchive(DiskSync diskSync) {
        this.diskSync = diskSync;
    }

    /** Stores the version's files (once) and its test results; returns once they are on disk. */
    public void store(RulesetSource source, String origin, String by, ScenarioReport tests) {
        QuarkusTransaction.requiringNew().run(() -> storeInTransaction(source, origin, by, tests));
        diskSync.afterCommit();
    }

    private static void storeInTransaction(RulesetSource source, String origin, String by, ScenarioReport tests) {
        Instant now = Instant.now();
        RulesetRecord record = RulesetRecord.findById(source.version());
        if (record == null) {
            record = new RulesetRecord();
            record.version = source.version();
            record.firstLoadedAt = now;
            record.lastLoadedAt = now;
            record.origin = origin;
            record.createdBy = by;
            for (RuleFile file : source.files()) {
                record.files.put(file.path(), file.content());
            }
            record.persist();
        } else {
            record.lastLoadedAt = now;
        }
        record.testsPassed = tests.passed();
        record.testsFailed = tests.failed();
    }

    /** Puts the version on the timeline from {@code effectiveFrom}; returns once the record is on disk. */
    public RulesetActivation recordActivation(String version, String previous, String by, LocalDate effectiveFrom, String note) {
        RulesetActivation recorded = QuarkusTransaction.requiringNew().call(() -> {
            RulesetActivation activation = new RulesetActivation();
            activation.version = version;
            activation.previousVersion = previous;
            activation.effectiveFrom = effectiveFrom;
            activation.activatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            activation.activatedBy = by;
            activation.note = note;
            activation.persist();
            return activation;
        });
        diskSync.afterCommit();
        return recorded;
    }

    /** The stored files of a version, if the service has ever seen it. */
    @Override
    @Transactional
    public Optional<RulesetSource> source(String version) {
        RulesetRecord record = RulesetRecord.findById(version);
        if (record == null) {
            return Optional.empty();
        }
        var files = new ArrayList<RuleFile>();
        record.files.forEach((path, content) -> files.add(new RuleFile(path, content)));
        return Optional.of(new RulesetSource(files));
    }
}
