package io.omnicase.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnicase.http.InvalidFieldException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Camunda Form (form-js schema) as the server reads it: which variables a submission may carry and what each must
 * hold. A submission is checked against it the way the form-js viewer checks it in the browser (required, lengths,
 * pattern, e-mail and phone, number bounds and digits, the options of selects, radios, checklists and tag lists, dates)
 * and, beyond that, nothing the form does not define is accepted. Rules the server cannot decide without evaluating
 * FEEL (a field hidden by a condition, a bound given as an expression, options computed at run time) are left to the
 * browser: no text of a form is ever evaluated here.
 */
public final class FormSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Components that show something and hold no value. */
    private static final Set<String> PRESENTATION = Set.of("text", "html", "image", "spacer", "separator", "button",
            "iframe", "table", "documentPreview");
    private static final Pattern EMAIL = Pattern.compile("^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}"
            + "[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");
    private static final Pattern PHONE = Pattern.compile("^(\\+|00)[1-9]\\d{5,22}$");
    /** How many steps a form's own pattern may take on one value before it counts as not matching. */
    private static final int PATTERN_BUDGET = 100_000;
    private static final int MAX_TEXT = 100_000;

    private final String id;
    private final ObjectNode json;
    private final List<Field> fields;

    private FormSchema(String id, ObjectNode json, List<Field> fields) {
        this.id = id;
        this.json = json;
        this.fields = fields;
    }

    /** Reads a form-js schema; refuses text that is not a JSON object with components. */
    public static FormSchema parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a Camunda Form: the text is not JSON", e);
        }
        if (!(node instanceof ObjectNode object) || !node.path("components").isArray()) {
            throw new IllegalArgumentException("not a Camunda Form: no components");
        }
        List<Field> fields = new ArrayList<>();
        collect(object.get("components"), List.of(), fields);
        return new FormSchema(object.path("id").asText(""), object, List.copyOf(fields));
    }

    /** The form's id ({@code resolve-case}), what {@code camunda:formRef} names. */
    public String id() {
        return id;
    }

    /** The schema itself, for the form-js viewer. */
    public ObjectNode json() {
        return json.deepCopy();
    }

    /** The variable keys a submission may carry (top-level names; a dotted key or a group path is one variable). */
    public Set<String> variableNames() {
        Set<String> names = new LinkedHashSet<>();
        fields.forEach(field -> names.add(field.path.get(0)));
        return names;
    }

    /**
     * Checks a submission against the form and returns the process variables it sets: texts, numbers and booleans as
     * such, anything nested (a group's object, a list) as its JSON text, since the engine stores no Java objects.
     *
     * @throws InvalidFieldException naming every field that is missing, unknown or wrong, each with its reason
     */
    public Map<String, Object> variables(JsonNode submission) {
        if (submission == null || !submission.isObject()) {
            throw new InvalidFieldException("body", "must be a JSON object of the form's fields");
        }
        List<InvalidFieldException.FieldError> errors = new ArrayList<>();
        check(fields, (ObjectNode) submission, "", errors);
        if (!errors.isEmpty()) {
            throw new InvalidFieldException(errors);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = submission.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            variables.put(entry.getKey(), value.isTextual() ? value.asText() : value.isBoolean() ? value.asBoolean()
                    : value.isIntegralNumber() && value.canConvertToInt() ? value.asInt()
                    : value.isIntegralNumber() && value.canConvertToLong() ? value.asLong()
                    : value.isNumber() ? value.asDouble() : value.toString());
        }
        return variables;
    }

    // ---------------------------------------------------------------------------------------------------- reading

    /** A field that holds a value, at its path (group paths and dotted keys split), with its rules. */
    private record Field(String type, List<String> path, JsonNode definition, List<Field> children) {

        JsonNode validate() {
            return definition.path("validate");
        }

        boolean conditional() {
            return definition.path("conditional").path("hide").isTextual()
                    && !definition.path("conditional").path("hide").asText().isBlank();
        }

        boolean disabled() {
            return definition.path("disabled").asBoolean(false);
        }

        String key() {
            return String.join(".", path);
        }
    }

    private static void collect(JsonNode components, List<String> prefix, List<Field> out) {
        if (components == null || !components.isArray()) {
            return;
        }
        for (JsonNode component : components) {
            String type = component.path("type").asText("");
            if (PRESENTATION.contains(type)) {
                continue;
            }
            if ("group".equals(type)) {
                collect(component.get("components"), join(prefix, component.path("path").asText("")), out);
            } else if ("dynamiclist".equals(type)) {
                List<Field> children = new ArrayList<>();
                collect(component.get("components"), List.of(), children);
                out.add(new Field(type, join(prefix, component.path("path").asText("")), component, List.copyOf(children)));
            } else if (component.hasNonNull("key") && !component.path("key").asText().isBlank()) {
                out.add(new Field(type, join(prefix, component.path("key").asText()), component, List.of()));
            }
        }
    }

    private static List<String> join(List<String> prefix, String path) {
        List<String> joined = new ArrayList<>(prefix);
        for (String part : path.split("\\.")) {
            if (!part.isBlank()) {
                joined.add(part);
            }
        }
        return List.copyOf(joined);
    }

    // ---------------------------------------------------------------------------------------------------- checking

    private static void check(List<Field> fields, ObjectNode submission, String where,
                              List<InvalidFieldException.FieldError> errors) {
        for (Field field : fields) {
            JsonNode value = at(submission, field.path);
            String name = where + field.key();
            if (field.disabled()) {
                if (value != null && !value.isNull()) {
                    errors.add(new InvalidFieldException.FieldError(name, "is disabled in the form and cannot be set"));
                }
                continue;
            }
            checkField(field, value, name, errors);
        }
        unknown(fields, submission, List.of(), where, errors);
    }

    /** Values the form does not define: a misspelt key, or a variable the form was never meant to set. */
    private static void unknown(List<Field> fields, ObjectNode object, List<String> path, String where,
                                List<InvalidFieldException.FieldError> errors) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            List<String> here = new ArrayList<>(path);
            here.add(entry.getKey());
            boolean field = fields.stream().anyMatch(f -> f.path.equals(here));
            boolean parent = fields.stream().anyMatch(f -> f.path.size() > here.size() && f.path.subList(0, here.size()).equals(here));
            if (field) {
                continue;
            }
            if (parent && entry.getValue().isObject()) {
                unknown(fields, (ObjectNode) entry.getValue(), here, where, errors);
            } else if (parent && !entry.getValue().isNull()) {
                errors.add(new InvalidFieldException.FieldError(where + String.join(".", here), "must be an object of the form's fields"));
            } else if (!parent) {
                errors.add(new InvalidFieldException.FieldError(where + String.join(".", here), "is not a field of this form"));
            }
        }
    }

    private static JsonNode at(JsonNode object, List<String> path) {
        JsonNode node = object;
        for (String part : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }

    private static void checkField(Field field, JsonNode value, String name, List<InvalidFieldException.FieldError> errors) {
        JsonNode validate = field.validate();
        boolean empty = value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())
                || (value.isArray() && value.isEmpty()) || ("checkbox".equals(field.type) && value.isBoolean() && !value.asBoolean());
        if (empty) {
            // A field a condition may hide is left out of the browser's submission; only the browser can decide it.
            if (isTrue(validate.path("required")) && !field.conditional()) {
                errors.add(new InvalidFieldException.FieldError(name, "is required"));
            }
            return;
        }
        String problem = switch (field.type) {
            case "textfield", "textarea" -> text(value, validate);
            case "number" -> number(value, field.definition, validate);
            case "checkbox" -> value.isBoolean() ? null : "must be true or false";
            case "select", "radio" -> choice(value, field.definition);
            case "checklist", "taglist" -> choices(value, field.definition);
            case "datetime" -> dateTime(value, field.definition);
            case "dynamiclist" -> list(field, value, name, errors);
            case "filepicker" -> "files cannot be sent with this form";
            // An expression field's value is computed by the viewer: any plain value, of a bounded size.
            default -> value.isValueNode() && value.toString().length() <= MAX_TEXT ? null : "must be a plain value";
        };
        if (problem != null) {
            errors.add(new InvalidFieldException.FieldError(name, problem));
        }
    }

    private static String text(JsonNode value, JsonNode validate) {
        if (!value.isTextual()) {
            return "must be text";
        }
        String text = value.asText();
        if (text.isEmpty()) {
            return null;
        }
        int length = text.strip().length();
        Integer min = whole(validate.get("minLength"));
        Integer max = whole(validate.get("maxLength"));
        if (text.length() > MAX_TEXT) {
            return "must have at most " + (max == null ? MAX_TEXT : max) + " characters";
        }
        if (min != null && length < min) {
            return "must have at least " + min + " characters";
        }
        if (max != null && length > max) {
            return "must have at most " + max + " characters";
        }
        String type = validate.path("validationType").asText("");
        if ("email".equals(type) && !EMAIL.matcher(text).matches()) {
            return "must be an e-mail address";
        }
        if ("phone".equals(type) && !PHONE.matcher(text).matches()) {
            return "must be an international phone number (e.g. +4930664040900)";
        }
        String pattern = validate.path("pattern").asText("");
        if (!pattern.isEmpty() && !pattern.startsWith("=") && !matches(pattern, text)) {
            String message = validate.path("patternErrorMessage").asText("");
            return message.isBlank() ? "must match the pattern " + pattern : message;
        }
        return null;
    }

    /**
     * The form designer's pattern, searched as the viewer does, within a step budget (no catastrophic backtracking).
     * A text the matcher cannot judge within its stack does not match either: Java's matcher recurses once per
     * repetition of a group with alternatives, and "^([A-Z]|[0-9])*$" overflowed it on 5,000 typed characters (a 500
     * at the resolve, probe 46). The overflow ends inside this search and leaves nothing behind.
     */
    private static boolean matches(String pattern, String text) {
        try {
            return Pattern.compile(pattern).matcher(new Budgeted(text, PATTERN_BUDGET)).find();
        } catch (PatternSyntaxException | Budgeted.Exhausted | StackOverflowError e) {
            return false;
        }
    }

    private static String number(JsonNode value, JsonNode definition, JsonNode validate) {
        BigDecimal number;
        if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isTextual() && definition.path("serializeToString").asBoolean(false)) {
            try {
                number = new BigDecimal(value.asText());
            } catch (NumberFormatException e) {
                return "must be a number";
            }
        } else {
            return "must be a number";
        }
        Integer digits = whole(definition.get("decimalDigits"));
        if (digits != null && digits >= 0 && Math.max(number.stripTrailingZeros().scale(), 0) > digits) {
            return digits == 0 ? "must be a whole number" : "must have at most " + digits + " decimal digits";
        }
        BigDecimal min = decimal(validate.get("min"));
        BigDecimal max = decimal(validate.get("max"));
        if (min != null && number.compareTo(min) < 0) {
            return "must be at least " + min.toPlainString();
        }
        if (max != null && number.compareTo(max) > 0) {
            return "must be at most " + max.toPlainString();
        }
        BigDecimal increment = decimal(definition.get("increment"));
        if (increment != null && increment.signum() > 0 && number.remainder(increment).signum() != 0) {
            return "must be a multiple of " + increment.toPlainString();
        }
        return null;
    }

    private static String choice(JsonNode value, JsonNode definition) {
        List<JsonNode> options = options(definition);
        if (!value.isValueNode()) {
            return "must be one of the form's options";
        }
        if (options == null || options.contains(value)) {
            return null;
        }
        return "must be one of " + String.join(", ", options.stream().map(JsonNode::asText).toList());
    }

    private static String choices(JsonNode value, JsonNode definition) {
        if (!value.isArray()) {
            return "must be a list of the form's options";
        }
        List<JsonNode> options = options(definition);
        Set<JsonNode> seen = new LinkedHashSet<>();
        for (JsonNode item : value) {
            if (!item.isValueNode() || (options != null && !options.contains(item))) {
                return options == null ? "must be a list of plain values"
                        : "must hold only " + String.join(", ", options.stream().map(JsonNode::asText).toList());
            }
            if (!seen.add(item)) {
                return "holds " + item.asText() + " twice";
            }
        }
        return null;
    }

    /** The static options of a select, radio, checklist or tag list; null when they come from data or an expression. */
    private static List<JsonNode> options(JsonNode definition) {
        JsonNode values = definition.get("values");
        if (values == null || !values.isArray() || definition.hasNonNull("valuesKey")
                || definition.hasNonNull("valuesExpression")) {
            return null;
        }
        List<JsonNode> options = new ArrayList<>();
        values.forEach(option -> options.add(option.path("value")));
        return options;
    }

    private static String dateTime(JsonNode value, JsonNode definition) {
        if (!value.isTextual()) {
            return "must be a date or time as text";
        }
        String text = value.asText();
        String subtype = definition.path("subtype").asText("date");
        try {
            switch (subtype) {
                case "time" -> {
                    if (text.length() > 5) {
                        OffsetTime.parse(text.endsWith("Z") ? text.substring(0, text.length() - 1) + "+00:00" : text);
                    } else {
                        LocalTime.parse(text);
                    }
                }
                case "datetime" -> {
                    if (text.length() > 16) {
                        OffsetDateTime.parse(text);
                    } else {
                        java.time.LocalDateTime.parse(text);
                    }
                }
                default -> {
                    LocalDate date = LocalDate.parse(text);
                    if (definition.path("disallowPassedDates").asBoolean(false) && date.isBefore(LocalDate.now())) {
                        return "must not be in the past";
                    }
                }
            }
        } catch (DateTimeParseException e) {
            return "time".equals(subtype) ? "must be a time (HH:mm)" : "datetime".equals(subtype)
                    ? "must be a date and time (ISO 8601)" : "must be a date (YYYY-MM-DD)";
        }
        return null;
    }

    private static String list(Field field, JsonNode value, String name, List<InvalidFieldException.FieldError> errors) {
        if (!value.isArray()) {
            return "must be a list";
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isObject()) {
                errors.add(new InvalidFieldException.FieldError(name + "[" + i + "]", "must be an object of the list's fields"));
            } else {
                check(field.children, (ObjectNode) value.get(i), name + "[" + i + "].", errors);
            }
        }
        return null;
    }

    private static boolean isTrue(JsonNode node) {
        return node != null && node.isBoolean() && node.asBoolean();
    }

    private static Integer whole(JsonNode node) {
        return node != null && node.canConvertToInt() && node.isNumber() ? node.asInt() : null;
    }

    private static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        try {
            return node.isTextual() && !node.asText().startsWith("=") ? new BigDecimal(node.asText()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A text that stops a regular expression after a number of character reads. */
    private static final class Budgeted implements CharSequence {

        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private final int[] left;

        Budgeted(String text, int budget) {
            this(text, new int[]{budget});
        }

        private Budgeted(String text, int[] left) {
            this.text = text;
            this.left = left;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.substring(start, end), left);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
