package cn.yibao.crossregion.api;

import cn.yibao.crossregion.facts.InsuredStatus;
import cn.yibao.crossregion.facts.Scheme;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The insured person (参保人) and where they are insured. */
public record InsuredPerson(
        @Size(max = 64, message = "TOO_LONG") @Pattern(regexp = "\\P{Cntrl}*", message = "CONTROL_CHARACTERS") String personId,
        @NotNull(message = "REQUIRED") Scheme scheme,
        @NotNull(message = "REQUIRED") InsuredStatus status,
        @NotNull(message = "REQUIRED") @Pattern(regexp = "\\d{6}", message = "REGION_CODE") String region) {

    public InsuredPerson withPersonId(String replacement) {
        return new InsuredPerson(replacement, scheme, status, region);
    }
}
