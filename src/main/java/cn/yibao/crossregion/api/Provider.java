package cn.yibao.crossregion.api;

import cn.yibao.crossregion.facts.ProviderKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The hospital or pharmacy that gave the care. {@code level} is required for a hospital. */
public record Provider(
        @Size(max = 200, message = "TOO_LONG") String name,
        @NotNull(message = "REQUIRED") ProviderKind kind,
        @NotNull(message = "REQUIRED") Boolean designated,
        @Min(value = 1, message = "LEVEL") @Max(value = 3, message = "LEVEL") Integer level) {
}
