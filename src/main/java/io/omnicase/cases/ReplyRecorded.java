package io.omnicase.cases;

import io.omnicase.customers.Channel;

/** A reply was stored; the channel connector sends it to {@code to} after commit. {@code automatic}: the assistant wrote it. */
public record ReplyRecorded(long caseId, long interactionId, Channel channel, String to, String text, boolean automatic) {
}
