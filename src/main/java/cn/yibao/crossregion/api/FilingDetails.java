package cn.yibao.crossregion.api;

import cn.yibao.crossregion.api.validation.CalendarDate;
import cn.yibao.crossregion.facts.FilingType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;

/** A filing (备案), applied for or relied on by a claim. Absent yes/no answers mean no. */
public record FilingDetails(
        @NotNull(message = "REQUIRED") FilingType type,
        @NotNull(message = "REQUIRED") @CalendarDate LocalDate filedDate,
        @CalendarDate LocalDate residenceStartDate,
        @CalendarDate LocalDate postingStartDate,
        Boolean employerCertificate,
        Boolean householdMoved,
        @Valid Referral referral) {
}
