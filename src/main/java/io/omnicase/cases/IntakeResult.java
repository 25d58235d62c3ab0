package io.omnicase.cases;

/**
 * What case intake did with a message: where it is stored and whether it had been stored before.
 * {@code otherSender} marks a message whose provider id is already another sender's message on the channel: nothing is
 * stored, and the case named is that other message's, which a caller must not pass on to the sender.
 */
public record IntakeResult(CaseId caseId, long messageId, boolean duplicate, boolean newCase, boolean otherSender) {

    public IntakeResult(CaseId caseId, long messageId, boolean duplicate, boolean newCase) {
        this(caseId, messageId, duplicate, newCase, false);
    }
}
