package io.omnicase.http;

import java.util.List;
import java.util.stream.Collectors;

/** Request fields hold values the endpoint cannot accept; answered as 400 naming each field and what is wrong with it. */
public class InvalidFieldException extends RuntimeException {

    /** One field and what is wrong with its value. */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidFieldException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidFieldException(List<FieldError> errors) {
        // One field: the message alone, as callers log it beside the field; several: each field with its message.
        super(errors.size() == 1 ? errors.get(0).message()
                : errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one field");
        }
        this.errors = List.copyOf(errors);
    }

    /** The first field named. */
    public String field() {
        return errors.get(0).field();
    }

    /** Every field named, in order, with what is wrong with it. */
    public List<FieldError> errors() {
        return errors;
    }

    /** Each field with its message: what a problem's detail says. */
    public String detail() {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }
}
