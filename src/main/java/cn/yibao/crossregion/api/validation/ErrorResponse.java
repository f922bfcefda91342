package cn.yibao.crossregion.api.validation;

import java.util.List;

/** The body of a 400 (or of a 422 naming a field): every bad field, nothing decided, nothing recorded. */
public record ErrorResponse(int status, List<FieldError> errors) {

    public static ErrorResponse badRequest(List<FieldError> errors) {
        return new ErrorResponse(400, errors);
    }
}
