package io.omnicase.sentiment;

/**
 * The feeling of one message.
 *
 * @param score     from -1 (very negative) to 1 (very positive); its sign agrees with the label, its size grows with
 *                  the confidence and the intensity (capitals, repeated marks, strong words)
 * @param label     negative, neutral or positive
 * @param uncertain the text is not (recognisably) English, so the score is a weak guess: the English lexicon was not
 *                  used and the English model read it as best it could
 * @param fallback  the model could not read the message: the score is the lexicon's (VADER) alone
 * @param language  ISO 639-1 code of the detected language, "und" when undetermined (another script, too short to
 *                  tell), or null when no language detection ran
 */
public record Sentiment(double score, SentimentLabel label, boolean uncertain, boolean fallback, String language) {

    public static final Sentiment NEUTRAL = of(0);

    public Sentiment {
        if (Double.isNaN(score) || score < -1 || score > 1) {
            throw new IllegalArgumentException("score must be within -1..1: " + score);
        }
        if (label == null) {
            throw new IllegalArgumentException("a sentiment needs a label");
        }
    }

    /** A sentiment read by the lexicon alone, as stored before the model existed. */
    public Sentiment(double score, SentimentLabel label) {
        this(score, label, false, false, null);
    }

    public static Sentiment of(double score) {
        return new Sentiment(score, SentimentLabel.of(score));
    }

    /** The same reading, marked as the lexicon's fallback because the model failed. */
    Sentiment asFallback(boolean uncertainLanguage, String detected) {
        return new Sentiment(score, label, uncertainLanguage, true, detected);
    }
}
