package cn.yibao.crossregion.policy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;

/**
 * Working days as {@code rules-drl/calendar.yaml} defines them: the working weekdays, less the
 * listed holidays, plus the listed working weekends (调休).
 */
public final class PolicyCalendar {

    private final Set<DayOfWeek> workingWeekdays;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> workingWeekends;

    public PolicyCalendar(Set<DayOfWeek> workingWeekdays, Set<LocalDate> holidays, Set<LocalDate> workingWeekends) {
        if (workingWeekdays.isEmpty() && workingWeekends.isEmpty()) {
            throw new IllegalArgumentException("a calendar needs at least one working day");
        }
        this.workingWeekdays = Set.copyOf(workingWeekdays);
        this.holidays = Set.copyOf(holidays);
        this.workingWeekends = Set.copyOf(workingWeekends);
    }

    public boolean isWorkingDay(LocalDate day) {
        return workingWeekends.contains(day)
                || (workingWeekdays.contains(day.getDayOfWeek()) && !holidays.contains(day));
    }

    /** The {@code count}-th working day after {@code day} ({@code day} itself not counted). */
    public LocalDate addWorkingDays(LocalDate day, int count) {
        LocalDate current = day;
        int found = 0;
        while (found < count) {
            current = current.plusDays(1);
            if (isWorkingDay(current)) {
                found++;
            }
        }
        return current;
    }

    public LocalDate lastDayOfMonth(int year, int month) {
        return YearMonth.of(year, month).atEndOfMonth();
    }
}
