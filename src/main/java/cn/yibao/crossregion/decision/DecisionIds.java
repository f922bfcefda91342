package cn.yibao.crossregion.decision;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decision ids are UUIDs of version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits.
 * Ids made close in time sort close together, so the audit trail's id index grows at its end
 * instead of at a random place for every decision. An id is a name, not a secret: reading a
 * decision needs the auditor's role.
 */
final class DecisionIds {

    private DecisionIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
