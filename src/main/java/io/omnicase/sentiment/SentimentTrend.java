package io.omnicase.sentiment;

/** Where a customer's mood is heading over the messages of a case. */
public enum SentimentTrend {
    IMPROVING, STEADY, WORSENING
}
