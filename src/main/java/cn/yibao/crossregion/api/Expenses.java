package cn.yibao.crossregion.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;

/** What the care cost, in yuan. {@code selfPay} is the part outside the catalogue (自费); absent means 0. */
public record Expenses(
        @NotNull(message = "REQUIRED") @DecimalMin(value = "0", message = "NEGATIVE")
        @Digits(integer = 12, fraction = 2, message = "AMOUNT_FORMAT") BigDecimal total,
        @DecimalMin(value = "0", message = "NEGATIVE")
        @Digits(integer = 12, fraction = 2, message = "AMOUNT_FORMAT") BigDecimal selfPay) {
}
