package io.omnicase.outbox;

/**
 * Thrown by an after-commit listener that cannot handle its event yet, for a reason it expects and that something else
 * is already taking care of (a case process that is between wait states takes the message when its assessment ends).
 * Like any failure it leaves the event's publication incomplete, so the scheduled redelivery delivers the event again
 * and nothing is lost; unlike a failure it is logged at debug, not as a warning, because it needs nobody's attention.
 */
public class DeliveryDeferred extends RuntimeException {

    public DeliveryDeferred(String message) {
        super(message, null, false, false);
    }
}
