package io.omnicase.routing;

/**
 * One condition of a rule row: a field of the fact model, an operator valid for the field's type and a typed value.
 *
 * @param field    a {@link FactField} name
 * @param operator a {@link RuleOperator} name valid for the field's {@link ValueType}
 * @param value    an enum constant's name (a string), a number, a boolean or a text, as the field's type asks
 */
public record RuleCondition(String field, String operator, Object value) {
}
