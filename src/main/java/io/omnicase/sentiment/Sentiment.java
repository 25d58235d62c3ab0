package io.omnicase.sentiment;

/**
 * The feeling of one message.
 *
 * @param score from -1 (very negative) to 1 (very positive)
 */
public record Sentiment(double score, SentimentLabel label) {

    public static final Sentiment NEUTRAL = of(0);

    public Sentiment {
        if (Double.isNaN(score) || score < -1 || score > 1) {
            throw new IllegalArgumentException("score must be within -1..1: " + score);
        }
    }

    public static Sentiment of(double score) {
        return new Sentiment(score, SentimentLabel.of(score));
    }
}
