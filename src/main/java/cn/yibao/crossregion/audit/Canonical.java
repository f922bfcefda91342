package cn.yibao.crossregion.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A canonical text of fields to hash: each on its own line and length-prefixed ({@code -1:} for
 * null), so that no two different sequences of fields share a text.
 */
final class Canonical {

    private final StringBuilder text;

    Canonical(String kind) {
        text = new StringBuilder(4096).append(kind);
    }

    Canonical field(String value) {
        text.append('\n');
        if (value == null) {
            text.append("-1:");
        } else {
            text.append(value.length()).append(':').append(value);
        }
        return this;
    }

    /** The hex SHA-256 of {@code prefix} followed by the fields. */
    String sha256(String prefix) {
        return sha256Hex(prefix + text);
    }

    String sha256() {
        return sha256Hex(text.toString());
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
