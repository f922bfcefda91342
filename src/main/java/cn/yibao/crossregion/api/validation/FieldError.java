package cn.yibao.crossregion.api.validation;

/** One bad field of a request, in English and Chinese (API.md "Errors"). */
public record FieldError(String field, String message, String messageZh) {
}
