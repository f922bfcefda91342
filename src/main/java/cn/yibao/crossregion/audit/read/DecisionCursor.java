package cn.yibao.crossregion.audit.read;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of decisions ends: the last decision's time and id, newest first. Given as
 * {@code cursor=}, the next page starts after it. Opaque to callers: base64url of "time|id".
 */
public record DecisionCursor(Instant evaluatedAt, String id) {

    public String encoded() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((evaluatedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or null when the text is not one. */
    public static DecisionCursor parse(String text) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            if (bar < 0 || bar == decoded.length() - 1 || decoded.length() > 200) {
                return null;
            }
            return new DecisionCursor(Instant.parse(decoded.substring(0, bar)), decoded.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }
}
