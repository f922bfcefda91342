package cn.yibao.crossregion.rules;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A decision whose policy date comes before the first entry of the timeline: no policy was in
 * force then, so nothing can be decided (and nothing is recorded). Names the request field the
 * policy date came from.
 */
public class NoPolicyOnDateException extends RuntimeException {

    private final String field;
    private final LocalDate date;
    private final LocalDate timelineStart;

    public NoPolicyOnDateException(String field, LocalDate date, Optional<LocalDate> timelineStart) {
        super("no policy is in force on " + date + " (" + field + ")"
                + timelineStart.map(start -> ": the timeline starts on " + start).orElse(": the timeline is empty"));
        this.field = field;
        this.date = date;
        this.timelineStart = timelineStart.orElse(null);
    }

    public String field() {
        return field;
    }

    public LocalDate date() {
        return date;
    }

    /** The first date with a policy, or null if the timeline is empty. */
    public LocalDate timelineStart() {
        return timelineStart;
    }
}
