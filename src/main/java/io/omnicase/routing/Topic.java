package io.omnicase.routing;

/** What a message is about, as far as routing cares. */
public enum Topic {
    BILLING, TECHNICAL, ACCOUNT, OTHER
}
