package io.omnicase.routing;

import java.util.Locale;

/** A work queue of agents; its candidate group in the case process has the queue's lower-case name. */
public enum Queue {
    GENERAL, BILLING, TECHNICAL, SENIOR;

    public String group() {
        return name().toLowerCase(Locale.ROOT);
    }
}
