package cn.yibao.crossregion.audit.read;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The timeline entries decisions name (kept by the ruleset workflow): so that an explanation says
 * which entry decided, without the trail managing rulesets.
 */
public interface TimelineEntries {

    /** The entry made by that activation, as it was recorded. */
    Optional<DecidingEntry> find(long activationId);

    record DecidingEntry(long id, LocalDate effectiveFrom, String version, Instant activatedAt, String activatedBy, String note) {
    }
}
