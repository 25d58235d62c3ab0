package io.omnicase.desk;

/**
 * A customer is typing in the chat widget on this case (published by the chat channel at most every few seconds);
 * the desk shows it live to the agents following the case. Not stored: it is gone when nobody listens.
 */
public record CustomerTyping(long caseId) {
}
