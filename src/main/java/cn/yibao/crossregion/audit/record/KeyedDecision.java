package cn.yibao.crossregion.audit.record;

import cn.yibao.crossregion.audit.IdempotencyKey;

/** The decision recorded under an idempotency key: the hash of the request that made it, its id and its answer as recorded. */
public record KeyedDecision(String requestHash, String decisionId, String answer) {

    /** True when the key came with the very request that made this decision: a retry, to be answered with it. */
    public boolean madeBy(IdempotencyKey key) {
        return requestHash.equals(key.requestHash());
    }
}
