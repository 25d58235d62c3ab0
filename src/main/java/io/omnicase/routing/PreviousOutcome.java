package io.omnicase.routing;

/** How the customer's previous contact about the same issue ended, as the routing rules name it. */
public enum PreviousOutcome {
    /** No earlier contact about the same issue in the window. */
    NONE,
    /** The earlier case is still open (new, with the assistant or with a person). */
    OPEN,
    /** The earlier case was resolved (and may since have been closed). */
    RESOLVED,
    /** The earlier case was closed without being resolved. */
    CLOSED
}
