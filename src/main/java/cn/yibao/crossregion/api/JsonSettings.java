package cn.yibao.crossregion.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Money is written as plain decimals (15200.00, never 1.52E+4). Reading is strict where the
 * contract is: a hospital level of 2.5 is an error, not 2; an enum is its name, never a number;
 * a date is yyyy-MM-dd, never a number of days or a date-time.
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    /**
     * A reader of stored JSON that keeps amounts exactly as written: 15200.00 stays 15200.00,
     * not the double 15200.0 nor 1.52E+4.
     */
    public static ObjectMapper exact(ObjectMapper mapper) {
        ObjectMapper exact = mapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        exact.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        return exact;
    }

    /**
     * A writer of parsed requests as one text per request, to tell a retry from another request:
     * properties in alphabetical order and null ones left out, so that neither the caller's
     * whitespace and key order nor a field added to the contract later changes the text.
     */
    public static ObjectMapper canonical(ObjectMapper mapper) {
        ObjectMapper canonical = mapper.copy().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
        canonical.setConfig(canonical.getSerializationConfig()
                .with(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS));
        return canonical;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.setDefaultLeniency(false);
    }
}
