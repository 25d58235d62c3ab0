package io.omnicase.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns Jackson's errors into what a client can act on: the field and what it must be, never a Java type name. */
final class JsonProblems {

    private static final String DUPLICATE = "Duplicate field '";

    private JsonProblems() {
    }

    static String field(List<JsonMappingException.Reference> path) {
        return path.stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    static String message(JsonMappingException mapping) {
        if (mapping instanceof StrictJson.ControlCharacterException) {
            return "must not contain control characters (only tab, line feed and carriage return)";
        }
        if (mapping instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + expected(mismatch.getTargetType());
        }
        return "has an invalid value";
    }

    /** What a value of the type looks like in JSON, in words. */
    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date or time in ISO-8601 form, e.g. 2026-11-25T10:00:00Z";
        }
        if (TemporalAmount.class.isAssignableFrom(type)) {
            return "a duration in ISO-8601 form, e.g. PT5M";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
            return "an object";
        }
        return "a valid value";
    }

    /** The name of a key that appears twice in one object, or null when the error is another one. */
    static String duplicateField(StreamReadException parse) {
        String message = parse.getOriginalMessage();
        if (message == null || !message.startsWith(DUPLICATE)) {
            return null;
        }
        int end = message.lastIndexOf('\'');
        return end > DUPLICATE.length() ? message.substring(DUPLICATE.length(), end) : "(empty key)";
    }

    static String where(StreamReadException parse) {
        JsonLocation location = parse.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
