package io.omnicase.routing.facts;

/** Where the customer's mood is heading over the case, as the routing rules name it. */
public enum SentimentTrend {
    IMPROVING, STEADY, WORSENING
}
