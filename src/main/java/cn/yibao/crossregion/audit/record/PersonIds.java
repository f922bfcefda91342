package cn.yibao.crossregion.audit.record;

/** Person ids as every view of the audit trail shows them: 440703199001011234 → 440703********1234. */
public final class PersonIds {

    private static final int KEPT_PREFIX = 6;
    private static final int KEPT_SUFFIX = 4;

    private PersonIds() {
    }

    public static String mask(String personId) {
        if (personId == null) {
            return null;
        }
        if (personId.length() <= KEPT_PREFIX + KEPT_SUFFIX) {
            int kept = Math.min(KEPT_SUFFIX, personId.length() / 2);
            return "*".repeat(personId.length() - kept) + personId.substring(personId.length() - kept);
        }
        return personId.substring(0, KEPT_PREFIX)
                + "*".repeat(personId.length() - KEPT_PREFIX - KEPT_SUFFIX)
                + personId.substring(personId.length() - KEPT_SUFFIX);
    }
}
