package io.omnicase.cases;

/**
 * An outbound entry's delivery changed on the timeline: sent, delivered, read, or not sent (with the reason). The desk
 * shows it under the reply as it happens.
 *
 * @param delivery the status now shown ({@link DeliveryStatus} name)
 * @param error    why it was not sent, for a failed one; else null
 */
public record DeliveryShown(long caseId, long interactionId, String delivery, String error) {
}
