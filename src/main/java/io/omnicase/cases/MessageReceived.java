package io.omnicase.cases;

import io.omnicase.customers.Channel;

/**
 * A customer's message was stored on a case. {@code confirmation}: it only thanked or confirmed on a resolved case
 * ({@link Confirmation}), which stays resolved: the case's process is not handed the message.
 */
public record MessageReceived(long caseId, long messageId, long customerId, Channel channel, boolean newCase,
                              boolean confirmation) {

    public MessageReceived(long caseId, long messageId, long customerId, Channel channel, boolean newCase) {
        this(caseId, messageId, customerId, channel, newCase, false);
    }
}
