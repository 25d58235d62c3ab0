package io.omnicase.process;

/** A case's process started, on a given version of its definition; published in the engine's transaction. */
public record CaseProcessStarted(long caseId, String processInstanceId, String processKey, int processVersion,
                                 String processDefinitionId) {
}
