package io.omnicase.cases;

import io.omnicase.customers.Channel;

import java.time.Instant;

/**
 * A customer's message as every channel connector hands it to case intake.
 *
 * @param threadRef the channel's conversation reference (mail thread, chat conversation), or null
 * @param sentAt    when the customer sent it, or null when the channel does not say
 */
public record InboundMessage(Channel channel, String from, String displayName, String text,
                             String providerMessageId, String threadRef, String subject, Instant sentAt) {
}
