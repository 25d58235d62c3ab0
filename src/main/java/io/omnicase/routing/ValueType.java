package io.omnicase.routing;

/** The type of a fact field, which decides its operators and what a condition's value must be. */
public enum ValueType {
    /** One constant of an enum, sent as its name. */
    CHOICE,
    /** A whole number. */
    INTEGER,
    /** A decimal number. */
    DECIMAL,
    BOOLEAN,
    /** Free text a supervisor types; it reaches the rules only as an escaped string literal. */
    TEXT
}
