package cn.yibao.crossregion.api;

import cn.yibao.crossregion.api.validation.CalendarDate;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.LocalDate;

/** The referral behind a REFERRAL filing (转诊转院). Absent yes/no answers mean no. */
public record Referral(
        Boolean certificate,
        Boolean urgent,
        @CalendarDate LocalDate transferDate,
        Boolean hospitalDesignated,
        @Min(value = 1, message = "LEVEL") @Max(value = 3, message = "LEVEL") Integer hospitalLevel,
        Boolean hospitalSpecialty,
        Boolean extensionApproved) {
}
