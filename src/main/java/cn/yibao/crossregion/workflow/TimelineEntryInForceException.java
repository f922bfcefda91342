package cn.yibao.crossregion.workflow;

import java.time.LocalDate;

/** A timeline entry whose date has come cannot be withdrawn: claims of its period may already be decided by it. */
public class TimelineEntryInForceException extends RuntimeException {

    public TimelineEntryInForceException(LocalDate effectiveFrom, LocalDate today) {
        super("the entry of " + effectiveFrom + " is in force (today is " + today + "): only a scheduled entry can be withdrawn;"
                + " activate another version for that date to correct it");
    }
}
