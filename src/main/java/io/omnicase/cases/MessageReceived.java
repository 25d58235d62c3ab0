package io.omnicase.cases;

import io.omnicase.customers.Channel;

/** A customer's message was stored on a case. */
public record MessageReceived(long caseId, long messageId, long customerId, Channel channel, boolean newCase) {
}
