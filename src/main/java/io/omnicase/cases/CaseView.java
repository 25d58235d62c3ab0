package io.omnicase.cases;

import io.omnicase.customers.Channel;
import io.omnicase.sentiment.RollingSentiment;

import java.time.Instant;

/** A case as its readers see it; {@code sentiment} is the rolling mood of the customer's messages and its trend. */
public record CaseView(long id, long customerId, CaseStatus status, String subject, Channel channel, String queue,
                       Integer priority, int reopenCount, Instant openedAt, Instant updatedAt, Instant resolvedAt,
                       Instant closedAt, RollingSentiment sentiment) {
}
