package cn.yibao.crossregion.api;

import cn.yibao.crossregion.api.validation.CalendarDate;
import cn.yibao.crossregion.facts.Location;
import jakarta.validation.constraints.Pattern;

import java.time.LocalDate;

/**
 * The care a filing is for, as far as it is known when filing. {@code dischargeDate} absent
 * means the patient has not been discharged yet.
 */
public record FilingTreatment(
        Location location,
        @Pattern(regexp = "\\d{6}", message = "REGION_CODE") String region,
        Boolean emergency,
        @CalendarDate LocalDate admissionDate,
        @CalendarDate LocalDate dischargeDate) {
}
