package io.omnicase.sentiment;

/**
 * The mood of a case: an exponential moving average of its messages' scores, and where it is heading.
 *
 * @param value    the rolling score, -1..1
 * @param trend    the direction of the last change
 * @param messages how many messages went into it
 */
public record RollingSentiment(double value, SentimentTrend trend, int messages) {

    public static final RollingSentiment NONE = new RollingSentiment(0, SentimentTrend.STEADY, 0);

    /** The latest message counts half, so one angry message shows at once but one outlier does not erase the past. */
    static final double WEIGHT_OF_LATEST = 0.5;
    /** A change of the rolling value smaller than this is noise, not a trend. */
    static final double TREND_STEP = 0.1;

    public RollingSentiment next(Sentiment latest) {
        double rolled = messages == 0 ? latest.score() : WEIGHT_OF_LATEST * latest.score() + (1 - WEIGHT_OF_LATEST) * value;
        double change = rolled - value;
        SentimentTrend direction = messages == 0 ? SentimentTrend.STEADY
                : change >= TREND_STEP ? SentimentTrend.IMPROVING
                : change <= -TREND_STEP ? SentimentTrend.WORSENING
                : SentimentTrend.STEADY;
        return new RollingSentiment(rolled, direction, messages + 1);
    }

    public SentimentLabel label() {
        return SentimentLabel.of(value);
    }
}
