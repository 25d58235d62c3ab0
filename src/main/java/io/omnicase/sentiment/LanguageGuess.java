package io.omnicase.sentiment;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;

/**
 * Which language a message is in, as far as sentiment cares: English (read it with the lexicon and the model), another
 * language (the score is uncertain), or undetermined (mostly another script). Lingua with seven languages in
 * low-accuracy mode (trigram models only, about 40 MB, loaded once on first use) and two English checks it needs for
 * short messages: a text under {@value #MIN_LETTERS} letters is taken as English (too short to tell, and the
 * lexicon's emoji and emoticons still apply), and a text with two or more English function words is English whatever
 * Lingua says ("WHERE IS MY ORDER" reads as German to trigrams). Thread-safe.
 */
public final class LanguageGuess {

    /** The code of English, the only language the lexicon and the model read. */
    public static final String ENGLISH = "en";
    /** The code when the language cannot be told: another script than Latin, for instance. */
    public static final String UNDETERMINED = "und";
    static final int MIN_LETTERS = 10;
    /** Lingua's confidence in English relative to the best language, at or above which the text stays English. */
    static final double ENGLISH_CLOSE_ENOUGH = 0.95;
    /** Only so much of a long text is looked at: its start tells the language. */
    static final int MAX_CHARS = 1_000;
    private static final Set<String> ENGLISH_FUNCTION_WORDS = Set.of("the", "an", "my", "your", "is", "are",
            "was", "to", "of", "and", "it", "for", "me", "i", "you", "what", "where", "why", "how", "when", "this",
            "that", "please", "thanks", "thank", "with", "on", "have", "has", "not", "can", "will", "be", "we",
            "our", "does", "did", "im", "dont", "its", "again", "still", "just", "from", "at", "by", "or");
    private static final List<Language> LANGUAGES = List.of(Language.ENGLISH, Language.GERMAN, Language.FRENCH,
            Language.SPANISH, Language.ITALIAN, Language.PORTUGUESE, Language.DUTCH);

    private volatile LanguageDetector detector;

    /** The ISO 639-1 code of the text's language: {@link #ENGLISH}, another code, or {@link #UNDETERMINED}. */
    public String of(String text) {
        if (text == null) {
            return ENGLISH;
        }
        String sample = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        int letters = 0;
        int latin = 0;
        for (int i = 0; i < sample.length(); ) {
            int cp = sample.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                    latin++;
                }
            }
        }
        if (letters - latin > letters / 2 && letters - latin >= 2) {
            return UNDETERMINED;
        }
        if (latin < MIN_LETTERS || englishFunctionWords(sample) >= 2) {
            return ENGLISH;
        }
        SortedMap<Language, Double> confidence = detector().computeLanguageConfidenceValues(sample);
        if (confidence.isEmpty()) {
            return ENGLISH;
        }
        Language best = confidence.firstKey();
        if (best == Language.ENGLISH || confidence.getOrDefault(Language.ENGLISH, 0.0) >= ENGLISH_CLOSE_ENOUGH) {
            return ENGLISH;
        }
        return best.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
    }

    private static int englishFunctionWords(String text) {
        Set<String> seen = new java.util.HashSet<>();
        for (String word : ChurnIntent.words(text)) {
            if (ENGLISH_FUNCTION_WORDS.contains(word)) {
                seen.add(word);
                if (seen.size() >= 2) {
                    break;
                }
            }
        }
        return seen.size();
    }

    private LanguageDetector detector() {
        LanguageDetector loaded = detector;
        if (loaded == null) {
            synchronized (this) {
                if (detector == null) {
                    detector = LanguageDetectorBuilder.fromLanguages(LANGUAGES.toArray(Language[]::new))
                            .withLowAccuracyMode().build();
                }
                loaded = detector;
            }
        }
        return loaded;
    }
}
