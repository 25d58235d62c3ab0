package io.omnicase.sentiment;

/** The coarse reading of a sentiment score. */
public enum SentimentLabel {
    NEGATIVE, NEUTRAL, POSITIVE;

    /** VADER's customary thresholds: scores within ±0.05 carry no clear feeling. */
    static final double THRESHOLD = 0.05;

    public static SentimentLabel of(double score) {
        return score >= THRESHOLD ? POSITIVE : score <= -THRESHOLD ? NEGATIVE : NEUTRAL;
    }
}
