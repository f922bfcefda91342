package cn.yibao.crossregion.audit.record;

/**
 * A decision that could not be recorded. It must not be answered: an answer is a recorded
 * decision. The caller may send the request again. The id is the decision's that was not recorded,
 * for the log only: the caller never sees it.
 */
public class NotRecordedException extends RuntimeException {

    /** Why the decision was not recorded. */
    public enum Reason {
        /** {@code audit.max-pending} decisions were waiting already. */
        BUSY,
        /** The writer had not taken it within {@code audit.commit-timeout-seconds}. */
        TIMEOUT,
        /** The service is stopping. */
        SHUTDOWN,
        /** Its transaction failed. */
        FAILED
    }

    private final Reason reason;
    private final String decisionId;

    public NotRecordedException(Reason reason, String decisionId, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.decisionId = decisionId;
    }

    public Reason reason() {
        return reason;
    }

    public String decisionId() {
        return decisionId;
    }
}
