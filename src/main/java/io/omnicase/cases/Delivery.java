package io.omnicase.cases;

import java.time.Instant;

/**
 * A delivery status to show on an outbound timeline entry: what {@code channels} learnt from the provider. The first
 * {@link DeliveryStatus#SENT} carries the provider's message id (shown as the entry's {@code providerMessageId}), a
 * refusal on sending carries its reason.
 */
public record Delivery(DeliveryStatus status, Instant at, String providerMessageId, String error) {

    /** The provider took the message under this id. */
    public static Delivery sent(String providerMessageId, Instant at) {
        return new Delivery(DeliveryStatus.SENT, at, providerMessageId, null);
    }

    /** The provider refused the message when it was sent, for good. */
    public static Delivery refused(String reason, Instant at) {
        return new Delivery(DeliveryStatus.FAILED, at, null, reason);
    }

    /** A status the provider reported later (callbacks arrive out of order: progress never goes back). */
    public static Delivery reported(DeliveryStatus status, Instant at) {
        return new Delivery(status, at, null, null);
    }
}
