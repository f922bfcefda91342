package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.audit.transparency.MerkleHash;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A canonical text of fields to hash: each on its own line and length-prefixed ({@code -1:} for
 * null), so that no two different sequences of fields share a text.
 */
final class Canonical {

    private final StringBuilder text;

    Canonical(String kind) {
        text = new StringBuilder(kind);
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

    String text() {
        return text.toString();
    }

    String sha256() {
        return hex(sha256Of(text().getBytes(StandardCharsets.UTF_8)));
    }

    /** The SHA-256 of the given parts, one after the other. */
    static byte[] sha256Of(byte[]... parts) {
        return MerkleHash.sha256(parts);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
