package io.omnicase.routing.internal;

import io.omnicase.routing.facts.CaseStatus;
import io.omnicase.routing.facts.Channel;
import io.omnicase.routing.facts.SentimentLabel;
import io.omnicase.routing.facts.SentimentTrend;
import io.omnicase.routing.facts.Tier;

/**
 * Other modules' values as routing's fact constants: the one place routing maps them. Each switch names every constant,
 * so a constant added elsewhere fails the build here instead of reaching the rules unmapped.
 */
public final class FactValues {

    private FactValues() {
    }

    public static Channel channel(io.omnicase.customers.Channel channel) {
        return switch (channel) {
            case EMAIL -> Channel.EMAIL;
            case CHAT -> Channel.CHAT;
            case WHATSAPP -> Channel.WHATSAPP;
            case SMS -> Channel.SMS;
            case MESSENGER -> Channel.MESSENGER;
            case VOICE -> Channel.VOICE;
        };
    }

    public static Tier tier(io.omnicase.customers.Customer.Tier tier) {
        return switch (tier) {
            case STANDARD -> Tier.STANDARD;
            case GOLD -> Tier.GOLD;
            case VIP -> Tier.VIP;
        };
    }

    public static CaseStatus status(io.omnicase.cases.CaseStatus status) {
        return switch (status) {
            case NEW -> CaseStatus.NEW;
            case SELF_SERVICE -> CaseStatus.SELF_SERVICE;
            case ESCALATED -> CaseStatus.ESCALATED;
            case RESOLVED -> CaseStatus.RESOLVED;
            case CLOSED -> CaseStatus.CLOSED;
        };
    }

    public static SentimentTrend trend(io.omnicase.sentiment.SentimentTrend trend) {
        return switch (trend) {
            case IMPROVING -> SentimentTrend.IMPROVING;
            case STEADY -> SentimentTrend.STEADY;
            case WORSENING -> SentimentTrend.WORSENING;
        };
    }

    public static SentimentLabel label(io.omnicase.sentiment.SentimentLabel label) {
        return switch (label) {
            case NEGATIVE -> SentimentLabel.NEGATIVE;
            case NEUTRAL -> SentimentLabel.NEUTRAL;
            case POSITIVE -> SentimentLabel.POSITIVE;
        };
    }
}
