package cn.yibao.crossregion.audit;

/**
 * A caller's idempotency key: the user who sent it, the key as sent, and the keyed hash of the
 * request it came with ({@link PersonIdHasher#requestHash}), which tells a retry from another request.
 */
public record IdempotencyKey(String owner, String key, String requestHash) {
}
