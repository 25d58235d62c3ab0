package io.omnicase.cases;

import io.omnicase.customers.Channel;

import java.time.Instant;

/**
 * A customer's message as every channel connector hands it to case intake.
 *
 * @param threadRef the channel's conversation reference (mail thread, chat conversation), or null
 * @param sentAt    when the customer sent it, or null when the channel does not say
 * @param caseRef   the case the channel found the message belongs to (mail thread headers, a subject token), used
 *                  when it is open and of the same customer; or null
 * @param newConversation whether, without a usable thread or case reference, the message starts a new case instead of
 *                  joining the customer's latest open case (mail: a fresh mail is a new matter)
 */
public record InboundMessage(Channel channel, String from, String displayName, String text,
                             String providerMessageId, String threadRef, String subject, Instant sentAt,
                             Long caseRef, boolean newConversation) {

    /** A message that continues the customer's conversation: thread reference, else their latest open case. */
    public InboundMessage(Channel channel, String from, String displayName, String text, String providerMessageId,
                          String threadRef, String subject, Instant sentAt) {
        this(channel, from, displayName, text, providerMessageId, threadRef, subject, sentAt, null, false);
    }
}
