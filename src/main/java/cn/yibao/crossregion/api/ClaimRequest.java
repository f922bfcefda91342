package cn.yibao.crossregion.api;

import cn.yibao.crossregion.api.validation.CalendarDate;
import cn.yibao.crossregion.api.validation.ConsistentClaim;
import cn.yibao.crossregion.facts.Settlement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/** POST /api/v1/decisions/claim (API.md). A null field is the same as an absent one. */
@ConsistentClaim
public record ClaimRequest(
        @Size(max = 100, message = "TOO_LONG") @Pattern(regexp = "\\P{Cntrl}*", message = "CONTROL_CHARACTERS") String claimId,
        @NotNull(message = "REQUIRED") @Valid InsuredPerson insured,
        @NotNull(message = "REQUIRED") @Valid ClaimTreatment treatment,
        @Valid FilingDetails filing,
        @NotNull(message = "REQUIRED") Settlement settlement,
        @CalendarDate LocalDate submittedDate,
        @CalendarDate LocalDate emergencyReportDate,
        @NotNull(message = "REQUIRED") @Valid Expenses expenses,
        @DecimalMin(value = "0", message = "NEGATIVE")
        @Digits(integer = 12, fraction = 2, message = "AMOUNT_FORMAT") BigDecimal priorPaidThisYear) {

    public ClaimRequest withInsured(InsuredPerson replacement) {
        return new ClaimRequest(claimId, replacement, treatment, filing, settlement, submittedDate,
                emergencyReportDate, expenses, priorPaidThisYear);
    }
}
