package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.rules.RuleFile;
import cn.yibao.crossregion.rules.RulesetSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/** Keeps the files of every ruleset version the service has run, once per version. */
@ApplicationScoped
public class RulesetArchive {

    @Transactional
    public void store(RulesetSource source) {
        Instant now = Instant.now();
        RulesetRecord record = RulesetRecord.findById(source.version());
        if (record == null) {
            record = new RulesetRecord();
            record.version = source.version();
            record.firstLoadedAt = now;
            record.lastLoadedAt = now;
            for (RuleFile file : source.files()) {
                record.files.put(file.path(), file.content());
            }
            record.persist();
        } else {
            record.lastLoadedAt = now;
        }
    }
}
