package io.omnicase.cases;

import io.omnicase.customers.Channel;

/** An agent's reply was stored; the channel connector sends it to {@code to} after commit. */
public record ReplyRecorded(long caseId, long interactionId, Channel channel, String to, String text) {
}
