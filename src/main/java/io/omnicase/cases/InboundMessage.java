package io.omnicase.cases;

import io.omnicase.customers.Channel;

import java.time.Duration;
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
 * @param sender    what the channel could tell of the sender ({@link SenderCheck#NOT_CHECKED} when it checks nothing):
 *                  stored with the message, it keeps automatic answers from a sender that is not verified
 */
public record InboundMessage(Channel channel, String from, String displayName, String text,
                             String providerMessageId, String threadRef, String subject, Instant sentAt,
                             Long caseRef, boolean newConversation, SenderCheck sender) {

    public InboundMessage {
        sender = sender == null ? SenderCheck.NOT_CHECKED : sender;
    }

    /** A message of a channel that checks nothing of its sender. */
    public InboundMessage(Channel channel, String from, String displayName, String text, String providerMessageId,
                          String threadRef, String subject, Instant sentAt, Long caseRef, boolean newConversation) {
        this(channel, from, displayName, text, providerMessageId, threadRef, subject, sentAt, caseRef, newConversation,
                SenderCheck.NOT_CHECKED);
    }

    /** The longest message text intake takes (the API refuses longer; the channels keep the start of a longer one). */
    public static final int MAX_TEXT = 20_000;
    /** The earliest time a message can have been sent: the database stores times from 1970 on. */
    public static final Instant EARLIEST_SENT_AT = Instant.parse("1970-01-02T00:00:00Z");
    /** The latest time the database can store (TIMESTAMP ends in January 2038). */
    private static final Instant LATEST_STORABLE = Instant.parse("2038-01-18T00:00:00Z");
    /** How far in the future a sender's clock may be. */
    public static final Duration CLOCK_SKEW = Duration.ofDays(1);

    /** Whether a message can have been sent at this time: from 1970 to a day after now (clocks differ). */
    public static boolean isPlausibleSentAt(Instant sentAt, Instant now) {
        Instant latest = now.plus(CLOCK_SKEW);
        return !sentAt.isBefore(EARLIEST_SENT_AT) && !sentAt.isAfter(latest.isBefore(LATEST_STORABLE) ? latest : LATEST_STORABLE);
    }

    /** A message that continues the customer's conversation: thread reference, else their latest open case. */
    public InboundMessage(Channel channel, String from, String displayName, String text, String providerMessageId,
                          String threadRef, String subject, Instant sentAt) {
        this(channel, from, displayName, text, providerMessageId, threadRef, subject, sentAt, null, false);
    }

    /** The same message under another provider id. */
    public InboundMessage withProviderMessageId(String id) {
        return new InboundMessage(channel, from, displayName, text, id, threadRef, subject, sentAt, caseRef, newConversation,
                sender);
    }
}
