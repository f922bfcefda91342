package cn.yibao.crossregion.audit;

/**
 * A decision that could not be recorded. It must not be answered: an answer is a recorded
 * decision. The caller may send the request again.
 */
public class NotRecordedException extends RuntimeException {

    public NotRecordedException(String message, Throwable cause) {
        super(message, cause);
    }
}
