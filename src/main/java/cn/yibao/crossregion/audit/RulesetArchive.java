package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.rules.RuleFile;
import cn.yibao.crossregion.rules.RulesetSource;
import cn.yibao.crossregion.scenarios.ScenarioReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

/** Keeps the files of every ruleset version once, content-addressed, and the history of activations. */
@ApplicationScoped
public class RulesetArchive {

    public static final String FROM_DISK = "DISK";
    public static final String FROM_DRAFT = "DRAFT";

    @Transactional
    public void store(RulesetSource source, String origin, String by, ScenarioReport tests) {
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

    @Transactional
    public void recordActivation(String version, String previous, String by) {
        RulesetActivation activation = new RulesetActivation();
        activation.version = version;
        activation.previousVersion = previous;
        activation.activatedAt = Instant.now();
        activation.activatedBy = by;
        activation.persist();
    }

    /** The stored files of a version, if the service has ever seen it. */
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
