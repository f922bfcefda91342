package cn.yibao.crossregion.audit.record;

/**
 * A decision not recorded because its idempotency key was taken by another decision first (a
 * concurrent request with the same key, on this instance or another). The one recorded is
 * given, committed and on disk, for the caller to answer with or refuse; answered as it is, it is a 503.
 */
public class KeyAlreadyUsedException extends NotRecordedException {

    private final KeyedDecision recorded;

    public KeyAlreadyUsedException(KeyedDecision recorded) {
        super(Reason.FAILED, null, "the idempotency key was used by decision " + recorded.decisionId(), null);
        this.recorded = recorded;
    }

    public KeyedDecision recorded() {
        return recorded;
    }
}
