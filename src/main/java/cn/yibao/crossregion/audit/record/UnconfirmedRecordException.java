package cn.yibao.crossregion.audit.record;

/**
 * A decision whose record was committed but could not be confirmed on disk. It is not answered,
 * but it may be in the audit trail: the caller should look it up by its id before sending the
 * request again, or it may be recorded twice.
 */
public class UnconfirmedRecordException extends RuntimeException {

    private final String decisionId;

    public UnconfirmedRecordException(String decisionId, Throwable cause) {
        super("decision " + decisionId + " was written but could not be confirmed on disk", cause);
        this.decisionId = decisionId;
    }

    public String decisionId() {
        return decisionId;
    }
}
