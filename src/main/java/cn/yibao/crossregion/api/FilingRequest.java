package cn.yibao.crossregion.api;

import cn.yibao.crossregion.api.validation.CalendarDate;
import cn.yibao.crossregion.api.validation.ConsistentFilingRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;

/**
 * POST /api/v1/decisions/filing (API.md). APPLY needs {@code insured}; CANCEL uses only
 * {@code filing.type}, {@code filing.filedDate} and {@code requestDate}.
 */
@ConsistentFilingRequest
public record FilingRequest(
        @NotNull(message = "REQUIRED") FilingAction action,
        @Valid InsuredPerson insured,
        @Valid FilingTreatment treatment,
        @NotNull(message = "REQUIRED") @Valid FilingDetails filing,
        @CalendarDate LocalDate requestDate) {

    public FilingRequest withInsured(InsuredPerson replacement) {
        return new FilingRequest(action, replacement, treatment, filing, requestDate);
    }
}
