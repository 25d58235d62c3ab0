package io.omnicase.routing;

/** Whether a rule row hands the case to a person or keeps it with the assistant. */
public enum Handling {
    ESCALATE, SELF_SERVICE
}
