package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.api.validation.FieldError;
import cn.yibao.crossregion.api.validation.FieldProblem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Query bounds given as an instant (2026-03-01T08:00:00Z) or a day (2026-03-01) in the office's zone. */
public final class TimeBounds {

    private TimeBounds() {
    }

    /** A query parameter as a bound; null when absent; a field error when it is neither an instant nor a day. */
    public static Instant parse(String field, String value, ZoneId zone, boolean end, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return end ? to(value.trim(), zone) : from(value.trim(), zone);
        } catch (DateTimeParseException e) {
            errors.add(FieldProblem.DATE.at(field));
            return null;
        }
    }

    /** A query or path parameter that must be a calendar day; null when absent; a field error when it is not a day. */
    public static LocalDate day(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(FieldProblem.DATE.at(field));
            return null;
        }
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
