package cn.yibao.crossregion.audit;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A JSON text as stored in the audit trail: a format byte, then its UTF-8 deflated (RFC 1951).
 * The record hash is of the text, so it is the same stored either way. The format byte leaves
 * room for another form (a preset dictionary) without rewriting what is stored.
 */
@Converter
public class DeflatedJson implements AttributeConverter<String, byte[]> {

    static final byte DEFLATED = 1;

    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater(Deflater.DEFAULT_COMPRESSION, true));
    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(() -> new Inflater(true));

    @Override
    public byte[] convertToDatabaseColumn(String json) {
        return deflate(json);
    }

    /** The text as stored: the format byte, then its UTF-8 deflated; null for null. */
    public static byte[] deflate(String json) {
        if (json == null) {
            return null;
        }
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        deflater.setInput(text);
        deflater.finish();
        byte[] out = new byte[text.length + 64];
        out[0] = DEFLATED;
        int length = 1;
        while (!deflater.finished()) {
            if (length == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            length += deflater.deflate(out, length, out.length - length);
        }
        return Arrays.copyOf(out, length);
    }

    @Override
    public String convertToEntityAttribute(byte[] stored) {
        if (stored == null) {
            return null;
        }
        if (stored.length == 0 || stored[0] != DEFLATED) {
            throw new IllegalStateException("a stored JSON document has an unknown format " + (stored.length == 0 ? "(empty)" : stored[0]));
        }
        Inflater inflater = INFLATERS.get();
        inflater.reset();
        inflater.setInput(stored, 1, stored.length - 1);
        ByteArrayOutputStream text = new ByteArrayOutputStream(stored.length * 5);
        byte[] buffer = new byte[8192];
        try {
            while (!inflater.finished()) {
                int inflated = inflater.inflate(buffer);
                if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("a stored JSON document is cut short");
                }
                text.write(buffer, 0, inflated);
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored JSON document does not inflate", e);
        }
        return text.toString(StandardCharsets.UTF_8);
    }
}
