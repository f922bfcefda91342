package cn.yibao.crossregion.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Query bounds given as an instant (2026-03-01T08:00:00Z) or a day (2026-03-01) in the office's zone. */
public final class TimeBounds {

    private TimeBounds() {
    }

    /** The start of a {@code from} bound; a day starts at its midnight. */
    public static Instant from(String value, ZoneId zone) {
        return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(zone).toInstant() : Instant.parse(value);
    }

    /** The exclusive end of a {@code to} bound; a day includes all of itself. */
    public static Instant to(String value, ZoneId zone) {
        return value.length() == 10 ? LocalDate.parse(value).plusDays(1).atStartOfDay(zone).toInstant() : Instant.parse(value);
    }
}
