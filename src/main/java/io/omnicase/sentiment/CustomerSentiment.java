package io.omnicase.sentiment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * The sentiment of a customer's message, as a careful supervisor would read it. Two signals, combined:
 * <ol>
 * <li>the lexicon score (VADER, {@link SentimentAnalyzer}, in its {@link SentimentAnalyzer#forCustomerService()
 * customer-service reading}: the words of a request, greeting or filler such as "please", "help", "kindly", "I'd like"
 * carry no valence): fast, explainable, measures strong words;</li>
 * <li>a classifier over the message's sentence embedding and a few signals ({@link SentimentFeatures}: the lexicon
 * score itself, capitals, repeated marks, churn intent, cues of implicit dissatisfaction, sarcasm markers), trained on
 * customer-service messages with a neutral class; it decides the label.</li>
 * </ol>
 * The score's sign follows the classifier's label; its size grows with the classifier's confidence, the lexicon's
 * strength when it agrees, and the intensity of the writing (see {@link #score}). A message that is not English is
 * read without the lexicon and marked {@link Sentiment#uncertain() uncertain}. When the model fails, the lexicon's
 * score is returned marked as {@link Sentiment#fallback() fallback}. Never throws; thread-safe; one instance (and one
 * embedding model) serves the whole application.
 */
public final class CustomerSentiment {

    /** Only the start of a very long message is read: the same part the embedding model reads. */
    static final int MAX_CHARS = 2_000;
    private static final int CHURN_FEATURE = SentimentFeatures.NAMES.indexOf("churnIntent");

    /** A neutral message's score stays within this, below {@link SentimentLabel}'s threshold. */
    static final double NEUTRAL_SPREAD = 0.04;

    private static final Logger LOG = LoggerFactory.getLogger(CustomerSentiment.class);

    private final SentimentAnalyzer lexicon;
    private final Function<String, float[]> embeddings;
    private final SentimentClassifier classifier;
    private final LanguageGuess languages = new LanguageGuess();

    /**
     * @param lexicon    the VADER analyzer
     * @param embeddings the shared sentence embedding (a text to its unit vector)
     */
    public CustomerSentiment(SentimentAnalyzer lexicon, Function<String, float[]> embeddings) {
        this(lexicon, embeddings, loadClassifier());
    }

    CustomerSentiment(SentimentAnalyzer lexicon, Function<String, float[]> embeddings, SentimentClassifier classifier) {
        // Read as customers write to a company: "please", "help", "kindly", "I'd like" are requests, not praise.
        this.lexicon = lexicon.forCustomerService();
        this.embeddings = embeddings;
        this.classifier = classifier;
    }

    private static SentimentClassifier loadClassifier() {
        try {
            return SentimentClassifier.fromResource();
        } catch (RuntimeException e) {
            LOG.error("The sentiment model cannot be read; every message is scored by the lexicon alone", e);
            return null;
        }
    }

    /** What the classifier reads of a text besides its embedding; shared with the training. */
    record Inputs(String sample, String language, Sentiment lexicon, double[] features) {

        boolean english() {
            return LanguageGuess.ENGLISH.equals(language);
        }
    }

    public Sentiment analyze(String text) {
        Inputs in;
        try {
            in = inputs(text);
        } catch (RuntimeException e) {
            LOG.warn("The lexicon could not read a message ({}); scored neutral", e.toString());
            return new Sentiment(0, SentimentLabel.NEUTRAL, true, true, LanguageGuess.UNDETERMINED);
        }
        if (in.sample().isEmpty()) {
            return new Sentiment(0, SentimentLabel.NEUTRAL, false, false, LanguageGuess.UNDETERMINED);
        }
        if (classifier == null) {
            return fallback(in); // said once, when the weights could not be read
        }
        double[] p;
        try {
            p = classifier.probabilities(embeddings.apply(withoutIdentifiers(in.sample())), in.features());
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("The sentiment model failed on a message ({}); the lexicon's score is used", e.toString());
            return fallback(in);
        }
        return score(p, in);
    }

    /** The lexicon's reading, marked as the fallback; not English, the English lexicon would only guess: neutral. */
    private static Sentiment fallback(Inputs in) {
        Sentiment reading = in.english() ? in.lexicon() : Sentiment.NEUTRAL;
        return reading.asFallback(!in.english(), in.language());
    }

    /** The text cleaned and cut, its language, the lexicon's reading and the classifier's signals. */
    Inputs inputs(String text) {
        String whole = clean(text);
        String sample = ownWords(whole);
        if (sample.isEmpty()) {
            return new Inputs(sample, LanguageGuess.UNDETERMINED, Sentiment.NEUTRAL, new double[SentimentFeatures.NAMES.size()]);
        }
        String language;
        try {
            // the language is told from the whole text, quote included: a short reply ("Order 88120, postcode LS6
            // 2QT.") is too short to tell on its own
            language = languages.of(whole);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Language detection failed ({}); the message is read as English", e.toString());
            language = LanguageGuess.ENGLISH;
        }
        Sentiment vader = lexicon.analyze(sample);
        boolean english = LanguageGuess.ENGLISH.equals(language);
        return new Inputs(sample, language, vader, SentimentFeatures.of(sample, english ? vader.score() : 0, english));
    }

    /**
     * The label is the classifier's most probable class. A neutral message scores within ±{@value #NEUTRAL_SPREAD}
     * (leaning as the classifier leans). Otherwise the score is ±(0.05 + 0.95 m), with the magnitude m (0..1) made of
     * the classifier's confidence (40 %), the lexicon's strength when its sign agrees (35 %) and the intensity of the
     * writing (25 %: capitals, exclamation marks, repeated marks, stretched words); halved when the text is not
     * English.
     */
    private static Sentiment score(double[] p, Inputs in) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        // A customer who says they will leave is unhappy, however calmly it is put ("otherwise we will cancel the
        // contract"): churn intent is negative (issue 14), whatever the classifier made of the rest of the message.
        if (in.features()[CHURN_FEATURE] > 0 && SentimentClassifier.CLASSES[best] != SentimentLabel.NEGATIVE) {
            best = java.util.Arrays.asList(SentimentClassifier.CLASSES).indexOf(SentimentLabel.NEGATIVE);
        }
        // A message that ends on a problem that is not over is no praise, however politely it is put ("Dear team, my
        // internet keeps dropping. I hope you can help."; "Thanks, but it broke again"): neutral at most (issue 44).
        if (SentimentClassifier.CLASSES[best] == SentimentLabel.POSITIVE && in.english()
                && SentimentFeatures.endsOnTrouble(in.sample())) {
            best = java.util.Arrays.asList(SentimentClassifier.CLASSES).indexOf(SentimentLabel.NEUTRAL);
        }
        SentimentLabel label = SentimentClassifier.CLASSES[best];
        double score;
        if (label == SentimentLabel.NEUTRAL) {
            score = NEUTRAL_SPREAD * (p[2] - p[0]);
        } else {
            double sign = label == SentimentLabel.POSITIVE ? 1 : -1;
            double confidence = Math.min(1, Math.max(0, (p[best] - 1.0 / 3) * 1.5));
            double lexicon = in.english() && Math.signum(in.lexicon().score()) == sign ? Math.abs(in.lexicon().score()) : 0;
            double magnitude = 0.4 * confidence + 0.35 * lexicon + 0.25 * SentimentFeatures.intensity(in.features());
            if (!in.english()) {
                magnitude /= 2;
            }
            score = sign * (0.05 + 0.95 * Math.min(1, magnitude));
        }
        return new Sentiment(score, label, !in.english(), false, in.language());
    }

    /**
     * The customer's own words of a reply: without the earlier message it quotes ("On 2 Dec, Support wrote: ...",
     * "-----Original Message-----", "From: ... Sent: ...", lines starting with "&gt;") and without a "Sent from my
     * iPhone" line. The quoted text is usually the company's own cheerful reply ("Great news, your issue is fixed!"),
     * which made "No, it is still not working" read positive. A text that is nothing but a quote is read as it is.
     */
    static String ownWords(String sample) {
        java.util.regex.Matcher m = QUOTE_START.matcher(sample);
        String own = m.find() ? sample.substring(0, m.start()) : sample;
        own = QUOTED_LINE.matcher(own).replaceAll("").strip();
        return own.isEmpty() ? sample : own;
    }

    private static final java.util.regex.Pattern QUOTE_START = java.util.regex.Pattern.compile(
            "(?m)(?:^|(?<=\\s))(?:>\\s*)?On\\s[^\\n]{1,160}?\\bwrote:"
                    + "|-{3,}\\s*Original Message\\s*-{3,}"
                    + "|^[ \\t]*From:[^\\n]*\\n[ \\t]*(?:Sent|Date):"
                    + "|(?:^|(?<=\\s))(?:--\\s*)?Sent from my\\s+(?:iPhone|iPad|Android|Samsung|Galaxy|Pixel|mobile|phone|"
                    + "smartphone|Huawei|BlackBerry)\\b");
    private static final java.util.regex.Pattern QUOTED_LINE = java.util.regex.Pattern.compile("(?m)^[ \\t]*>[^\\n]*$\\n?");

    /** The text without control characters or broken surrogates, stripped and cut to {@value #MAX_CHARS} chars. */
    /**
     * Order numbers, case references, tracking codes and the like (a word of four or more characters with a digit in
     * it) say nothing about a feeling, but they move the sentence embedding: one random reference turned "I am really
     * angry about it" neutral in four of ten tries. The classifier reads the text without them; the lexicon, the
     * assistant and the history read it whole. A text that is nothing but such words is read as it is.
     */
    static String withoutIdentifiers(String sample) {
        String stripped = IDENTIFIER.matcher(sample).replaceAll("").replaceAll("\\(\\s*\\)|\\[\\s*]|#(?=\\s|$)", "")
                .replaceAll("\\s{2,}", " ").strip();
        return stripped.isEmpty() || stripped.equals(sample) ? sample : stripped;
    }

    private static final java.util.regex.Pattern IDENTIFIER =
            java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}_-]*\\p{N})[\\p{L}\\p{N}_-]{4,}(?![\\p{L}\\p{N}])");

    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > MAX_CHARS + 64 ? text.substring(0, MAX_CHARS + 64) : text;
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < cut.length() && Character.isLowSurrogate(cut.charAt(i + 1))) {
                out.append(c).append(cut.charAt(++i));
            } else if (Character.isSurrogate(c) || (Character.isISOControl(c) && c != '\n' && c != '\t')
                    || c == '\uFFFD' || c == '\uFFFE' || c == '\uFFFF') {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        String stripped = out.toString().strip();
        if (stripped.length() > MAX_CHARS) {
            int end = Character.isHighSurrogate(stripped.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
            stripped = stripped.substring(0, end);
        }
        return stripped;
    }
}
