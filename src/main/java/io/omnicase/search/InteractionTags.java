package io.omnicase.search;

/**
 * What the history keeps beside an interaction's own fields for pattern detection and coaching: its topic, the agent
 * who wrote it (on a person's reply) and its sentiment (on a customer's message). Each may be null.
 */
public record InteractionTags(String topic, String agent, Double sentiment) {

    public static final InteractionTags NONE = new InteractionTags(null, null, null);
}
