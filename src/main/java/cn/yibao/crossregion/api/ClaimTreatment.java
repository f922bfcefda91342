package cn.yibao.crossregion.api;

import cn.yibao.crossregion.api.validation.CalendarDate;
import cn.yibao.crossregion.facts.CareType;
import cn.yibao.crossregion.facts.Cause;
import cn.yibao.crossregion.facts.Location;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.LocalDate;

/**
 * The care claimed for. {@code emergency} absent means no; {@code cause} absent means illness;
 * {@code dischargeDate} absent means outpatient care on the admission day.
 */
public record ClaimTreatment(
        @NotNull(message = "REQUIRED") Location location,
        @Pattern(regexp = "\\d{6}", message = "REGION_CODE") String region,
        @NotNull(message = "REQUIRED") CareType careType,
        Boolean emergency,
        Cause cause,
        @NotNull(message = "REQUIRED") @Valid Provider provider,
        @NotNull(message = "REQUIRED") @CalendarDate LocalDate admissionDate,
        @CalendarDate LocalDate dischargeDate) {
}
