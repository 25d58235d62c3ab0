package io.omnicase.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** How a condition compares a field with its value; each operator is valid for some field types only. */
public enum RuleOperator {
    IS("is", Set.of(ValueType.CHOICE, ValueType.BOOLEAN)),
    IS_NOT("is not", Set.of(ValueType.CHOICE)),
    EQUALS("=", Set.of(ValueType.INTEGER, ValueType.DECIMAL)),
    NOT_EQUALS("≠", Set.of(ValueType.INTEGER, ValueType.DECIMAL)),
    LESS_THAN("<", Set.of(ValueType.INTEGER, ValueType.DECIMAL)),
    AT_MOST("≤", Set.of(ValueType.INTEGER, ValueType.DECIMAL)),
    MORE_THAN(">", Set.of(ValueType.INTEGER, ValueType.DECIMAL)),
    AT_LEAST("≥", Set.of(ValueType.INTEGER, ValueType.DECIMAL)),
    /** The text holds the value, ignoring case. */
    CONTAINS("contains", Set.of(ValueType.TEXT)),
    DOES_NOT_CONTAIN("does not contain", Set.of(ValueType.TEXT)),
    /** The text has at least one of the value's words (whole words, ignoring case). */
    MENTIONS_ANY_OF("mentions any of the words", Set.of(ValueType.TEXT)),
    MENTIONS_NONE_OF("mentions none of the words", Set.of(ValueType.TEXT));

    private final String label;
    private final Set<ValueType> types;

    RuleOperator(String label, Set<ValueType> types) {
        this.label = label;
        this.types = types;
    }

    public String label() {
        return label;
    }

    public boolean appliesTo(ValueType type) {
        return types.contains(type);
    }

    /** The operators valid for a field type, in a stable order. */
    public static List<RuleOperator> validFor(ValueType type) {
        return Arrays.stream(values()).filter(o -> o.appliesTo(type)).toList();
    }
}
