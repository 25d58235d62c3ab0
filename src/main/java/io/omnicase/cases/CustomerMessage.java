package io.omnicase.cases;

import io.omnicase.sentiment.Sentiment;

import java.time.Instant;

/**
 * One message a customer sent, on any of their cases: the latest one is what self-service answers, the recent ones are
 * what routing reads to find repeat complaints. {@code sender}: what its channel could tell of its sender; routing
 * gives no automatic answer to a sender that is not verified.
 */
public record CustomerMessage(long caseId, String text, Sentiment sentiment, Instant occurredAt, SenderCheck sender) {

    public CustomerMessage {
        sender = sender == null ? SenderCheck.NOT_CHECKED : sender;
    }
}
