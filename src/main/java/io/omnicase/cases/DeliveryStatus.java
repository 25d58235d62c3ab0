package io.omnicase.cases;

/** How far an outbound message got on its way to the customer, as the channel's provider reports it. */
public enum DeliveryStatus {
    /** Handed to the provider, which answered with its message id. */
    SENT,
    DELIVERED,
    READ,
    /** The provider gave up; a failure is final and never overwritten by a late "delivered". */
    FAILED;

    /** Whether a report of this status may replace the current one: callbacks arrive out of order, progress never goes back. */
    public boolean supersedes(DeliveryStatus current) {
        return current == null || (current != FAILED && (this == FAILED || ordinal() > current.ordinal()));
    }
}
