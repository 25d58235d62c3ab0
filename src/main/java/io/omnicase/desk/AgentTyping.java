package io.omnicase.desk;

/**
 * An agent is typing a reply on this case (published by the desk); the chat channel shows "{@code displayName} is
 * typing" to the customer's open chat windows. Not stored: it is gone when nobody listens.
 */
public record AgentTyping(long caseId, String username, String displayName) {
}
