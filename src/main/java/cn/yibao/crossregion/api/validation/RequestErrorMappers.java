package cn.yibao.crossregion.api.validation;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns every way a request body can be wrong into a 400 naming the fields (API.md "Errors"):
 * JSON that does not parse, values of the wrong type or outside an enum, and Bean Validation.
 */
public class RequestErrorMappers {

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(RequestErrorMappers::toFieldError)
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .distinct()
                .toList();
        return badRequest(errors);
    }

    @ServerExceptionMapper
    public Response unparseable(JsonParseException e) {
        return badRequest(List.of(FieldProblem.MALFORMED_JSON.at("body", e.getOriginalMessage())));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return badRequest(List.of(describe(e)));
    }

    @ServerExceptionMapper
    public Response unmappable(JsonMappingException e) {
        return badRequest(List.of(describe(e)));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return badRequest(List.of(FieldProblem.MALFORMED_JSON.at("body", e.getOriginalMessage())));
    }

    /** Quarkus wraps a body Jackson cannot read in a 400 WebApplicationException; unwrap it to name the field. */
    @ServerExceptionMapper
    public Response rejected(WebApplicationException e) {
        if (e.getCause() instanceof JsonMappingException mapping) {
            return badRequest(List.of(describe(mapping)));
        }
        if (e.getCause() instanceof JsonProcessingException parsing) {
            return badRequest(List.of(FieldProblem.MALFORMED_JSON.at("body", parsing.getOriginalMessage())));
        }
        return e.getResponse();
    }

    @ServerExceptionMapper
    public Response refusedKey(IdempotencyKeyRefusedException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorResponse(e.status(), List.of(e.problem().at(IdempotencyKeyRefusedException.HEADER)))).build();
    }

    static Response badRequest(List<FieldError> errors) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.badRequest(errors)).build();
    }

    private static FieldError toFieldError(ConstraintViolation<?> violation) {
        String field = fieldOf(violation.getPropertyPath());
        try {
            return FieldProblem.valueOf(violation.getMessage()).at(field);
        } catch (IllegalArgumentException notOurs) {
            return new FieldError(field, violation.getMessage(), violation.getMessage());
        }
    }

    /** The JSON path of the field, without the resource method and parameter that Bean Validation adds. */
    private static String fieldOf(Path path) {
        String field = java.util.stream.StreamSupport.stream(path.spliterator(), false)
                .filter(node -> node.getKind() == ElementKind.PROPERTY)
                .map(Path.Node::getName)
                .collect(Collectors.joining("."));
        return field.isEmpty() ? "body" : field;
    }

    private static FieldError describe(JsonMappingException e) {
        if (e.getCause() instanceof StreamReadException unreadable) {
            return FieldProblem.MALFORMED_JSON.at("body", unreadable.getOriginalMessage());
        }
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (field.isEmpty()) {
            return FieldProblem.BODY_REQUIRED.at("body");
        }
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target != null && target.isEnum()) {
            return FieldProblem.ONE_OF.at(field, Arrays.stream(target.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", ")));
        }
        if (target == LocalDate.class) {
            return FieldProblem.DATE.at(field);
        }
        return target == null ? FieldProblem.INVALID.at(field) : wrongType(target).at(field);
    }

    private static FieldProblem wrongType(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return FieldProblem.NOT_A_NUMBER;
        }
        if (type == Boolean.class || type == boolean.class) {
            return FieldProblem.NOT_A_BOOLEAN;
        }
        if (type == String.class) {
            return FieldProblem.NOT_A_STRING;
        }
        if (Collection.class.isAssignableFrom(type)) {
            return FieldProblem.NOT_A_LIST;
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return FieldProblem.NOT_AN_OBJECT;
        }
        return FieldProblem.WRONG_TYPE;
    }
}
