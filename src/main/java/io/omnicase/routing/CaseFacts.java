package io.omnicase.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.omnicase.routing.facts.CaseStatus;
import io.omnicase.routing.facts.Channel;
import io.omnicase.routing.facts.SentimentTrend;

/** The case as the rules see it: where it came from, where it stands, how old it is and how the customer's mood runs. */
public class CaseFacts {

    private final Channel channel;
    private final CaseStatus status;
    private final long ageHours;
    private final int messageCount;
    private final int reopenCount;
    private final double rollingSentiment;
    private final SentimentTrend sentimentTrend;

    @JsonCreator
    public CaseFacts(Channel channel, CaseStatus status, long ageHours, int messageCount, int reopenCount,
                     double rollingSentiment, SentimentTrend sentimentTrend) {
        this.channel = channel;
        this.status = status;
        this.ageHours = ageHours;
        this.messageCount = messageCount;
        this.reopenCount = reopenCount;
        this.rollingSentiment = rollingSentiment;
        this.sentimentTrend = sentimentTrend;
    }

    public Channel getChannel() {
        return channel;
    }

    public CaseStatus getStatus() {
        return status;
    }

    public long getAgeHours() {
        return ageHours;
    }

    public int getMessageCount() {
        return messageCount;
    }

    public int getReopenCount() {
        return reopenCount;
    }

    /** The case's rolling sentiment, -1..1. */
    public double getRollingSentiment() {
        return rollingSentiment;
    }

    public SentimentTrend getSentimentTrend() {
        return sentimentTrend;
    }
}
