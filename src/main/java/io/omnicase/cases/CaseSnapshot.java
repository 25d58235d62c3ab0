package io.omnicase.cases;

import io.omnicase.sentiment.Sentiment;

import java.time.Duration;
import java.util.List;

/**
 * What a routing decision reads about a case: the case, its latest customer message and its sentiment, counts, and
 * the customer's messages of the last {@link #RECENT} across all their cases (newest first, at most
 * {@link #RECENT_MESSAGES}).
 */
public record CaseSnapshot(CaseView view, String latestMessage, Sentiment latestSentiment, int messageCount,
                           int openCasesOfCustomer, int recentCasesOfCustomer,
                           List<CustomerMessage> recentMessagesOfCustomer) {

    public static final Duration RECENT = Duration.ofDays(90);
    static final int RECENT_MESSAGES = 200;
}
