package io.omnicase.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scores a text's sentiment with the VADER rules (Hutto and Gilbert, ICWSM 2014) over the MIT-licensed VADER lexicon:
 * negation, boosters and dampeners, ALL-CAPS emphasis, exclamation and question marks, emoji, and "but" contrast.
 * Thread-safe; one instance serves the whole application.
 */
public final class SentimentAnalyzer {

    // The constants of the published VADER model: empirically derived by its authors, not tuned here.
    private static final double BOOST = 0.293;
    private static final double DAMPEN = -0.293;
    private static final double CAPS_BOOST = 0.733;
    private static final double NEGATION_SCALAR = -0.74;
    private static final double NORMALIZE_ALPHA = 15;
    private static final double EXCLAMATION_BOOST = 0.292;
    private static final double BEFORE_BUT = 0.5;
    private static final double AFTER_BUT = 1.5;

    private static final Set<String> NEGATIONS = Set.of("aint", "arent", "cannot", "cant", "couldnt", "darent",
            "didnt", "doesnt", "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt",
            "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "don't", "hadn't", "hasn't", "haven't", "isn't",
            "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
            "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh",
            "wasn't", "weren't", "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");
    private static final Map<String, Double> BOOSTERS = boosters();
    private static final Map<String, Double> IDIOMS = Map.of("the shit", 3.0, "the bomb", 3.0, "bad ass", 1.5,
            "badass", 1.5, "bus stop", 0.0, "yeah right", -2.0, "kiss of death", -1.5, "to die for", 3.0,
            "beating heart", 3.1, "broken heart", -2.9);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static final String SERVICE_FORMULAS = "/sentiment/service-formulas.txt";
    private static final Set<String> WOULD = Set.of("would", "i'd", "we'd", "you'd", "wd", "'d");
    private static final Set<String> TIMES_OF_DAY = Set.of("morning", "afternoon", "evening");
    private static final Set<String> CLOSINGS = Set.of("regards", "wishes");
    private static final Set<String> OPENERS = Set.of("oh", "um", "uh", "er", "erm", "yeah", "yes", "ok", "okay", "so",
            "and", "but", "hi", "hello");

    private final Map<String, Double> lexicon;
    /** Customer-service reading only: words with no valence unless negated, and words with none at all. */
    private final Set<String> requestWords;
    private final Set<String> fillerWords;

    public SentimentAnalyzer(Map<String, Double> lexicon) {
        this(lexicon, Set.of(), Set.of());
    }

    private SentimentAnalyzer(Map<String, Double> lexicon, Set<String> requestWords, Set<String> fillerWords) {
        this.lexicon = Map.copyOf(lexicon);
        this.requestWords = Set.copyOf(requestWords);
        this.fillerWords = Set.copyOf(fillerWords);
    }

    /**
     * The same rules and lexicon, read as a customer writes to a company: the words VADER rates positive that are the
     * form of a request, a greeting or a filler ("Please fix this", "Can you help?", "Dear team", "I'd like to",
     * "thanks in advance", "yeah so...") carry no valence (listed with reasons in {@value #SERVICE_FORMULAS}).
     * Without this, "I was charged twice. Please fix this." reads positive: "please" (+1.3) outweighs "charged".
     */
    public SentimentAnalyzer forCustomerService() {
        Set<String> request = new java.util.HashSet<>();
        Set<String> filler = new java.util.HashSet<>();
        InputStream in = SentimentAnalyzer.class.getResourceAsStream(SERVICE_FORMULAS);
        if (in == null) {
            throw new IllegalStateException("missing sentiment resource " + SERVICE_FORMULAS);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                (parts.length > 1 && parts[1].strip().equals("filler") ? filler : request)
                        .add(parts[0].strip().toLowerCase(Locale.ROOT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SERVICE_FORMULAS, e);
        }
        return new SentimentAnalyzer(lexicon, request, filler);
    }

    /** The analyzer with the VADER lexicon and Omnicase's emoji list from the classpath. */
    public static SentimentAnalyzer withVaderLexicon() {
        Map<String, Double> words = new HashMap<>(readLexicon("/sentiment/vader_lexicon.txt"));
        words.putAll(readLexicon("/sentiment/emoji.txt"));
        return new SentimentAnalyzer(words);
    }

    /** Reads a {@code token<TAB>valence[<TAB>...]} file; lines starting with # are comments. */
    public static Map<String, Double> readLexicon(String resource) {
        InputStream in = SentimentAnalyzer.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing sentiment resource " + resource);
        }
        Map<String, Double> entries = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                entries.put(parts[0].strip().toLowerCase(Locale.ROOT), Double.parseDouble(parts[1].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return entries;
    }

    /** The valence of one lexicon entry (-4..4), or 0 when the token is not in the lexicon. */
    public double valenceOf(String token) {
        return lexicon.getOrDefault(token.toLowerCase(Locale.ROOT), 0.0);
    }

    public Sentiment analyze(String text) {
        if (text == null || text.isBlank()) {
            return Sentiment.NEUTRAL;
        }
        String[] words = tokens(text);
        if (words.length == 0) {
            return Sentiment.NEUTRAL;
        }
        String[] lower = new String[words.length];
        boolean[] upper = new boolean[words.length];
        int upperCount = 0;
        for (int i = 0; i < words.length; i++) {
            lower[i] = words[i].toLowerCase(Locale.ROOT);
            upper[i] = isUpperCase(words[i]);
            if (upper[i]) {
                upperCount++;
            }
        }
        // Capitals emphasise only when some words are written normally; an all-caps message is just a habit.
        boolean capsStandOut = upperCount > 0 && upperCount < words.length;
        double[] valences = new double[words.length];
        for (int i = 0; i < words.length; i++) {
            if (BOOSTERS.containsKey(lower[i]) || (i < words.length - 1 && lower[i].equals("kind") && lower[i + 1].equals("of"))) {
                continue;
            }
            valences[i] = valence(lower, upper, capsStandOut, i);
        }
        contrastAroundBut(lower, valences);
        double sum = 0;
        for (double v : valences) {
            sum += v;
        }
        if (sum == 0) {
            return Sentiment.NEUTRAL;
        }
        sum += Math.signum(sum) * punctuationEmphasis(text);
        return Sentiment.of(Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + NORMALIZE_ALPHA))));
    }

    private double valence(String[] lower, boolean[] upper, boolean capsStandOut, int i) {
        Double known = lexicon.get(lower[i]);
        if (known == null) {
            return 0;
        }
        if (formula(lower, i)) {
            return 0;
        }
        double valence = known;
        // "no" before another sentiment word negates it rather than carrying its own valence.
        if (lower[i].equals("no") && i < lower.length - 1 && lexicon.containsKey(lower[i + 1])) {
            valence = 0;
        }
        if ((i > 0 && lower[i - 1].equals("no")) || (i > 1 && lower[i - 2].equals("no"))
                || (i > 2 && lower[i - 3].equals("no") && (lower[i - 1].equals("or") || lower[i - 1].equals("nor")))) {
            valence = known * NEGATION_SCALAR;
        }
        if (upper[i] && capsStandOut) {
            valence += valence > 0 ? CAPS_BOOST : -CAPS_BOOST;
        }
        for (int back = 0; back < 3; back++) {
            if (i > back && !lexicon.containsKey(lower[i - back - 1])) {
                double scalar = boost(lower[i - back - 1], upper[i - back - 1], valence, capsStandOut);
                // A booster further away counts less.
                scalar *= back == 1 ? 0.95 : back == 2 ? 0.9 : 1;
                valence = negated(lower, i, back, valence + scalar);
                if (back == 2) {
                    valence = idioms(lower, i, valence);
                }
            }
        }
        return leastCheck(lower, i, valence);
    }

    /** In the customer-service reading: is this word here a request, greeting or filler rather than a feeling? */
    private boolean formula(String[] w, int i) {
        if (requestWords.isEmpty() && fillerWords.isEmpty()) {
            return false;
        }
        if (fillerWords.contains(w[i])) {
            return true;
        }
        if (requestWords.contains(w[i])) {
            for (int back = 1; back <= 3 && i - back >= 0; back++) {
                if (isNegation(w[i - back]) || w[i - back].equals("no")) {
                    return false; // "not helping", "no help at all": the negated request is dissatisfaction
                }
            }
            return true;
        }
        boolean next = i + 1 < w.length;
        return switch (w[i]) {
            case "like" -> i > 0 && WOULD.contains(w[i - 1]);
            case "thanks", "thank" -> {
                int k = w[i].equals("thank") && next && w[i + 1].equals("you") ? i + 2 : i + 1;
                yield k + 1 < w.length && w[k].equals("in") && w[k + 1].equals("advance");
            }
            case "good" -> next && TIMES_OF_DAY.contains(w[i + 1]); // a greeting
            case "kind", "best", "warm", "warmest" -> next && CLOSINGS.contains(w[i + 1]);
            case "well" -> i == 0 || OPENERS.contains(w[i - 1]); // "well, the thing is", not "it works well"
            default -> false;
        };
    }

    private static double boost(String lowerWord, boolean upperWord, double valence, boolean capsStandOut) {
        Double scalar = BOOSTERS.get(lowerWord);
        if (scalar == null) {
            return 0;
        }
        double s = valence < 0 ? -scalar : scalar;
        if (upperWord && capsStandOut) {
            s += valence > 0 ? CAPS_BOOST : -CAPS_BOOST;
        }
        return s;
    }

    private static double negated(String[] w, int i, int back, double valence) {
        String before = w[i - back - 1];
        if (back == 1 && w[i - 2].equals("never") && (w[i - 1].equals("so") || w[i - 1].equals("this"))) {
            return valence * 1.25;
        }
        if (back == 1 && w[i - 2].equals("without") && w[i - 1].equals("doubt")) {
            return valence;
        }
        if (back == 2 && w[i - 3].equals("never") && (isSoOrThis(w[i - 2]) || isSoOrThis(w[i - 1]))) {
            return valence * 1.25;
        }
        if (back == 2 && w[i - 3].equals("without") && (w[i - 2].equals("doubt") || w[i - 1].equals("doubt"))) {
            return valence;
        }
        return isNegation(before) ? valence * NEGATION_SCALAR : valence;
    }

    private static boolean isSoOrThis(String word) {
        return word.equals("so") || word.equals("this");
    }

    static boolean isNegation(String lowerWord) {
        return NEGATIONS.contains(lowerWord) || lowerWord.contains("n't");
    }

    private static double idioms(String[] w, int i, double valence) {
        String oneZero = w[i - 1] + " " + w[i];
        String twoOneZero = w[i - 2] + " " + oneZero;
        String twoOne = w[i - 2] + " " + w[i - 1];
        String threeTwoOne = w[i - 3] + " " + twoOne;
        String threeTwo = w[i - 3] + " " + w[i - 2];
        double result = valence;
        for (String sequence : new String[]{oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo}) {
            Double idiom = IDIOMS.get(sequence);
            if (idiom != null) {
                result = idiom;
                break;
            }
        }
        if (w.length - 1 > i) {
            Double idiom = IDIOMS.get(w[i] + " " + w[i + 1]);
            if (idiom != null) {
                result = idiom;
            }
        }
        // Two- and three-word dampeners ("kind of", "sort of", "just enough") before the word.
        for (String sequence : new String[]{threeTwoOne, threeTwo, twoOne}) {
            Double booster = BOOSTERS.get(sequence);
            if (booster != null) {
                result += booster;
            }
        }
        return result;
    }

    private double leastCheck(String[] w, int i, double valence) {
        if (i > 1 && w[i - 1].equals("least") && !lexicon.containsKey("least")) {
            return w[i - 2].equals("at") || w[i - 2].equals("very") ? valence : valence * NEGATION_SCALAR;
        }
        if (i > 0 && w[i - 1].equals("least") && !lexicon.containsKey("least")) {
            return valence * NEGATION_SCALAR;
        }
        return valence;
    }

    /** What follows "but" carries the writer's real opinion: it counts more, what precedes it less. */
    private static void contrastAroundBut(String[] lower, double[] valences) {
        int but = -1;
        for (int i = 0; i < lower.length; i++) {
            if (lower[i].equals("but")) {
                but = i;
                break;
            }
        }
        if (but < 0) {
            return;
        }
        for (int i = 0; i < valences.length; i++) {
            if (i < but) {
                valences[i] *= BEFORE_BUT;
            } else if (i > but) {
                valences[i] *= AFTER_BUT;
            }
        }
    }

    private static double punctuationEmphasis(String text) {
        int exclamations = 0;
        int questions = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '!') {
                exclamations++;
            } else if (c == '?') {
                questions++;
            }
        }
        double emphasis = Math.min(exclamations, 4) * EXCLAMATION_BOOST;
        if (questions > 1) {
            emphasis += questions <= 3 ? questions * 0.18 : 0.96;
        }
        return emphasis;
    }

    /** Whitespace tokens without surrounding punctuation, emoticons kept; emoji split off as tokens of their own. */
    private static String[] tokens(String text) {
        String spaced = separateEmoji(text);
        String[] raw = WHITESPACE.split(spaced.strip());
        int n = 0;
        for (String token : raw) {
            String stripped = stripPunctuation(token);
            // Short tokens are kept whole: ":)" or ":(" would vanish if stripped.
            String kept = stripped.length() <= 2 ? token : stripped;
            if (!kept.isEmpty()) {
                raw[n++] = kept;
            }
        }
        return java.util.Arrays.copyOf(raw, n);
    }

    private static String separateEmoji(String text) {
        boolean hasEmoji = false;
        for (int i = 0; i < text.length() && !hasEmoji; i++) {
            hasEmoji = text.charAt(i) >= 0x2600;
        }
        if (!hasEmoji) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (cp == 0xFE0F) {
                return; // the emoji presentation selector adds nothing to the meaning
            }
            boolean emoji = cp >= 0x2600 && Character.getType(cp) == Character.OTHER_SYMBOL;
            if (emoji) {
                out.append(' ').appendCodePoint(cp).append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static String stripPunctuation(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && PUNCTUATION.indexOf(token.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && PUNCTUATION.indexOf(token.charAt(end - 1)) >= 0) {
            end--;
        }
        return token.substring(start, end);
    }

    private static boolean isUpperCase(String word) {
        boolean cased = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            cased |= Character.isUpperCase(c);
        }
        return cased;
    }

    private static Map<String, Double> boosters() {
        Map<String, Double> boosters = new HashMap<>();
        for (String word : ("absolutely amazingly awfully completely considerable considerably decidedly deeply effing "
                + "enormous enormously entirely especially exceptional exceptionally extreme extremely fabulously "
                + "flipping flippin frackin fracking fricking frickin frigging friggin fully fuckin fucking fuggin "
                + "fugging greatly hella highly hugely incredible incredibly intensely major majorly more most "
                + "particularly purely quite really remarkably so substantially thoroughly total totally tremendous "
                + "tremendously uber unbelievably unusually utter utterly very").split(" ")) {
            boosters.put(word, BOOST);
        }
        for (String word : ("almost barely hardly kinda kindof kind-of less little marginal marginally occasional "
                + "occasionally partly scarce scarcely slight slightly somewhat sorta sortof sort-of").split(" ")) {
            boosters.put(word, DAMPEN);
        }
        boosters.put("just enough", DAMPEN);
        boosters.put("kind of", DAMPEN);
        boosters.put("sort of", DAMPEN);
        return Map.copyOf(boosters);
    }
}
