package cn.yibao.crossregion.facts;

import java.time.LocalDate;

/** A request to cancel a filing made on {@code filedDate}. */
public class Cancellation {

    private final FilingType type;
    private final LocalDate filedDate;
    private final LocalDate requestDate;

    public Cancellation(FilingType type, LocalDate filedDate, LocalDate requestDate) {
        this.type = type;
        this.filedDate = filedDate;
        this.requestDate = requestDate;
    }

    public FilingType getType() { return type; }
    public LocalDate getFiledDate() { return filedDate; }
    public LocalDate getRequestDate() { return requestDate; }
}
