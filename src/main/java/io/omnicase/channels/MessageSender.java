package io.omnicase.channels;

import io.omnicase.customers.Channel;

/** The port through which a channel sends a reply to its provider; one adapter per provider. */
public interface MessageSender {

    Channel channel();

    /** Whether this sender is configured to send; when it is not, replies stay on the timeline unsent. */
    boolean enabled();

    /**
     * Sends a reply and answers the provider's id of the sent message.
     *
     * @throws SendFailedException when the provider refuses (permanent) or cannot be reached (worth retrying)
     */
    String send(OutboundMessage message);

    /** A reply as a provider adapter sends it. */
    record OutboundMessage(long caseId, long interactionId, String to, String text, boolean automatic) {
    }
}
