package cn.yibao.crossregion.workflow;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One activation as the timeline shows it (API.md "Policy in time"). {@code until}: the last day
 * it decides, before the next entry (null: open, or it decides nothing).
 */
public record TimelineEntry(LocalDate effectiveFrom, LocalDate until, String version, Instant activatedAt,
                            String activatedBy, String note, Status status, Instant withdrawnAt, String withdrawnBy) {

    public enum Status {
        /** Decides the dates of its period, from now on. */
        IN_FORCE,
        /** Decides nothing yet: its date is in the future. */
        SCHEDULED,
        /** A later activation of the same date took its place. */
        REPLACED,
        /** Withdrawn before its date. */
        WITHDRAWN
    }
}
