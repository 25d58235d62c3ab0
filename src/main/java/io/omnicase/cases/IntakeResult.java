package io.omnicase.cases;

/**
 * What case intake did with a message: where it is stored and whether it had been stored before.
 * {@code otherSender} marks a message whose provider id is already another sender's message on the channel: nothing is
 * stored, and the case named is that other message's, which a caller must not pass on to the sender.
 * {@code text} is the message's text as stored (control characters dropped, half a surrogate pair replaced; for a
 * duplicate, the text stored the first time): what a channel shows back to the sender as delivered, so the sender
 * sees what agents see (null for another sender's message, whose text is not the caller's to show).
 */
public record IntakeResult(CaseId caseId, long messageId, boolean duplicate, boolean newCase, boolean otherSender,
                           String text) {
}
