package io.omnicase.routing;

import io.omnicase.routing.facts.CaseStatus;
import io.omnicase.routing.facts.Channel;
import io.omnicase.routing.facts.SentimentTrend;
import io.omnicase.routing.facts.Tier;
import io.omnicase.sentiment.SentimentAnalyzer;

/** Builds routing facts for named test scenarios: a standard customer's fresh email case unless told otherwise. */
final class Scenario {

    private static final SentimentAnalyzer SENTIMENT = SentimentAnalyzer.withVaderLexicon();

    private Channel channel = Channel.EMAIL;
    private CaseStatus status = CaseStatus.NEW;
    private long ageHours;
    private int messageCount = 1;
    private int reopenCount;
    private double rollingSentiment;
    private SentimentTrend trend = SentimentTrend.STEADY;
    private Tier tier = Tier.STANDARD;
    private int openCases = 1;
    private int recentCases = 1;
    private int sameTopicComplaints;
    private RepeatFacts repeats = RepeatFacts.FIRST_CONTACT;

    static Scenario standardCase() {
        return new Scenario();
    }

    Scenario channel(Channel value) {
        channel = value;
        return this;
    }

    Scenario inSelfService() {
        status = CaseStatus.SELF_SERVICE;
        return this;
    }

    Scenario ageHours(long value) {
        ageHours = value;
        return this;
    }

    Scenario messages(int value) {
        messageCount = value;
        return this;
    }

    Scenario reopened(int times) {
        reopenCount = times;
        return this;
    }

    Scenario mood(double rolling, SentimentTrend direction) {
        rollingSentiment = rolling;
        trend = direction;
        return this;
    }

    Scenario tier(Tier value) {
        tier = value;
        return this;
    }

    Scenario recentCases(int value) {
        recentCases = value;
        return this;
    }

    Scenario sameTopicComplaints(int value) {
        sameTopicComplaints = value;
        return this;
    }

    /** The customer's earlier contacts about the same issue, as the history reports them. */
    Scenario repeats(RepeatFacts value) {
        repeats = value;
        return this;
    }

    /** The facts for this case when the customer writes the text; its sentiment is scored as in production. */
    RoutingFacts writes(String text) {
        return new RoutingFacts(
                new CaseFacts(channel, status, ageHours, messageCount, reopenCount, rollingSentiment, trend),
                new CustomerFacts(tier, openCases, recentCases, sameTopicComplaints, repeats),
                new MessageFacts(text, SENTIMENT.analyze(text)));
    }
}
