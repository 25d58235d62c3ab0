package io.omnicase.routing.facts;

/** The coarse reading of a message's sentiment, as the routing rules name it. */
public enum SentimentLabel {
    NEGATIVE, NEUTRAL, POSITIVE
}
