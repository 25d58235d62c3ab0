package io.omnicase.cases;

/** What case intake did with a message: where it is stored and whether it had been stored before. */
public record IntakeResult(CaseId caseId, long messageId, boolean duplicate, boolean newCase) {
}
