package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.audit.read.TimelineEntries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Optional;

/** The timeline entries as recorded in the activations table. */
@ApplicationScoped
public class RecordedTimelineEntries implements TimelineEntries {

    @Override
    @Transactional
    public Optional<DecidingEntry> find(long activationId) {
        return RulesetActivation.<RulesetActivation>findByIdOptional(activationId)
                .map(a -> new DecidingEntry(a.id, a.effectiveFrom, a.version, a.activatedAt, a.activatedBy, a.note));
    }
}
