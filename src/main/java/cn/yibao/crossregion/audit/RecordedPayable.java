package cn.yibao.crossregion.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigDecimal;

/** The {@code amounts.payable} of a recorded answer, read as it was written (no rounding); null when it has none (a filing). */
public final class RecordedPayable {

    private static final JsonFactory JSON = new JsonFactory();

    private RecordedPayable() {
    }

    public static BigDecimal of(String responseJson) {
        try (JsonParser parser = JSON.createParser(responseJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("amounts") && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String amount = parser.currentName();
                        JsonToken number = parser.nextToken();
                        if (amount.equals("payable") && number.isNumeric()) {
                            return parser.getDecimalValue();
                        }
                        parser.skipChildren();
                    }
                    return null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("a recorded answer is not JSON", e);
        }
    }
}
