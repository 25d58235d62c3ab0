package io.omnicase.cases;

/** What an entry of a case timeline records. */
public enum InteractionKind {
    /** A message from the customer. */
    INBOUND,
    /** A reply to the customer. */
    OUTBOUND,
    /** A routing decision, with its reasons. */
    DECISION,
    /** A change of the case's state (escalated, resolved, reopened, SLA breached, ...). */
    STATUS,
    /** The case moved to another queue or its priority changed ("Queue general → billing by routing rules"). */
    ROUTING
}
