package cn.yibao.crossregion.facts;

import java.time.LocalDate;

/**
 * The period a filing is valid for. A standing filing covers any care that starts within it;
 * an episode filing covers the one episode it was filed for. {@code validUntil} is null while
 * an episode has not ended.
 */
public class FilingTerm {

    private final boolean standing;
    private final LocalDate validFrom;
    private final LocalDate validUntil;

    private FilingTerm(boolean standing, LocalDate validFrom, LocalDate validUntil) {
        this.standing = standing;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
    }

    public static FilingTerm standing(LocalDate validFrom, LocalDate validUntil) {
        return new FilingTerm(true, validFrom, validUntil);
    }

    public static FilingTerm episode(LocalDate validFrom, LocalDate validUntil) {
        return new FilingTerm(false, validFrom, validUntil);
    }

    public boolean isStanding() { return standing; }
    public LocalDate getValidFrom() { return validFrom; }
    public LocalDate getValidUntil() { return validUntil; }
}
