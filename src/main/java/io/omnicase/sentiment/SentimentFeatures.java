package io.omnicase.sentiment;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The few signals the classifier reads next to the sentence embedding, each 0..1 (the lexicon score -1..1): what an
 * embedding of a short message blurs (capitals, repeated marks, sarcasm markers, churn intent) or what the customer
 * service data needs to generalise from few examples (cues of implicit dissatisfaction). Computed the same way when
 * the classifier is trained (SentimentTraining, test scope) and when it reads a message.
 */
final class SentimentFeatures {

    /** The names, in the order of {@link #of}; the weights file lists them so a mismatch is caught when it loads. */
    static final List<String> NAMES = List.of("lexicon", "capitals", "exclamations", "repeatedMarks", "elongation",
            "churnIntent", "dissatisfactionCues", "politeAboutTrouble", "sarcasmMarkers", "calmReport",
            "expectationCues", "foreignNegative", "foreignPositive");

    private static final Set<String> DISSATISFACTION_CUES = Set.of("still", "again", "yet", "nobody", "anyone",
            "promised", "supposed", "expected", "third", "fourth", "fifth", "times", "waiting", "hold", "regret",
            "anymore", "nothing", "useless", "excuse", "excuses");
    private static final Set<String> POLITE = Set.of("thanks", "thank", "great", "wonderful", "love", "loving",
            "nice", "perfect", "brilliant", "fantastic", "amazing", "excellent", "lovely", "glad", "impressive", "cool",
            "congratulations", "cheers", "appreciate", "super", "awesome", "pleasure", "good", "wow");
    private static final Set<String> TROUBLE = Set.of("cancel", "cancelled", "canceled", "cancelling", "late", "lost",
            "losing", "broke", "broken", "break", "wrong", "charged", "charge", "twice", "again", "never", "worse",
            "without", "waited", "wait", "hold", "disconnected", "error", "fee", "cracked", "crash", "crashed", "down",
            "transferred", "reminder", "nothing", "damaged", "failed", "missing", "delayed", "delay", "another",
            "only", "weeks", "month", "days", "hours", "logged", "off", "chatbot");
    private static final Set<String> RESOLVED = Set.of("fixed", "solved", "sorted", "works", "working", "resolved",
            "received", "arrived", "saved", "helped", "help");
    private static final List<String> SARCASM_PHRASES = List.of("yeah right", "oh great", "oh good", "oh wonderful",
            "oh fantastic", "oh sure", "oh perfect", "oh brilliant", "thanks for nothing", "just great",
            "keep it up", "well done", "what a surprise", "no problem at all", "thanks a million", "just what i needed",
            "what a treat", "how convenient");
    /**
     * Cues that a problem is reported calmly, without a feeling to act on: "no rush", "just wondering", "quick
     * question", "not a complaint". They neutralise the negative nouns of the report (broken, cracked, error, charged).
     */
    private static final List<String> CALM_PHRASES = List.of("no rush", "no hurry", "no stress", "no urgency",
            "not urgent", "no big deal", "just wondering", "was wondering", "quick question", "quick note", "just flagging",
            "just to let you know", "letting you know", "fyi", "heads up", "not a complaint", "not complaining",
            "when you get a chance", "when you have a moment", "when you can", "minor thing", "minor issue",
            "small issue", "small thing", "is that covered", "is it covered", "is that normal", "any idea why",
            "not blocking");
    /**
     * Phrases of implicit dissatisfaction, a customer measuring the company against what was promised or expected:
     * "I expected better", "you told me", "last time", "once again", "still no", "how many times".
     */
    private static final List<String> EXPECTATION_PHRASES = List.of("expected better", "expected more", "i expected",
            "would have expected", "would expect", "hoped for more", "hoped for better", "i was told", "i was promised",
            "was assured", "you promised", "you said", "you told me", "last time", "once again", "every time",
            "every single time", "yet again", "how you treat", "treat your customers", "loyal customer", "customer for",
            "customer since", "not good enough", "not acceptable", "unacceptable", "still no", "still not",
            "still waiting", "still havent", "still dont", "not anymore", "used to be", "for the second time",
            "for the third time", "how many times", "how many more", "nobody has", "no one has", "no explanation",
            "no answer", "no reply", "no response", "never called", "never arrived", "should not take",
            "shouldnt take", "should not have to", "shouldnt have to", "why do i have to", "why should i",
            "start again", "from scratch", "same answer", "same thing again");
    /**
     * A few strong words of complaint in German, French, Spanish, Italian, Portuguese and Dutch, read only when the
     * message is not English (the English lexicon is not used then): the embedding model reads English, so without
     * them a foreign complaint or thank-you looks neutral. Kept short and generic: disappointment, outrage, "nobody",
     * "never", "fed up".
     */
    private static final Set<String> FOREIGN_NEGATIVE = Set.of(
            "enttäuscht", "enttäuschend", "frechheit", "unverschämt", "unverschämtheit", "katastrophe", "katastrophal",
            "ärgerlich", "verärgert", "unzumutbar", "inakzeptabel", "schlecht", "schlechter", "niemand", "kaputt",
            "lächerlich", "skandal", "skandalös", "mangelhaft", "wütend", "sauer", "beschwerde",
            "déçu", "déçue", "décevant", "inadmissible", "inacceptable", "scandaleux", "honteux", "honte", "nul",
            "nulle", "lamentable", "catastrophique", "furieux", "furieuse", "marre", "énervé", "pire", "jamais",
            "insupportable", "ridicule", "arnaque", "plainte",
            "pésimo", "pésima", "fatal", "horrible", "vergüenza", "inaceptable", "harto", "harta", "molesto", "molesta",
            "indignante", "decepcionado", "decepcionada", "nadie", "nunca", "queja", "estafa", "terrible", "desastre",
            "furioso", "furiosa", "peor", "ridículo", "absurdo",
            "deluso", "delusa", "vergognoso", "vergogna", "pessimo", "pessima", "inaccettabile", "nessuno", "schifo",
            "scandaloso", "arrabbiato", "arrabbiata", "reclamo", "assurdo", "ridicolo", "peggiore", "basta", "disastro",
            "péssimo", "péssima", "vergonha", "inaceitável", "ninguém", "insatisfeito", "insatisfeita",
            "horrível", "reclamação", "chateado", "chateada", "pior", "chega", "descaso",
            "teleurgesteld", "waardeloos", "waardeloze", "belachelijk", "schandalig", "schande", "slecht", "slechte",
            "nooit", "zat", "boos", "klacht", "onacceptabel", "bespottelijk");
    /** Thanks and praise in the same six languages. */
    private static final Set<String> FOREIGN_POSITIVE = Set.of(
            "danke", "dank", "vielen", "herzlichen", "super", "toll", "perfekt", "klasse", "hervorragend",
            "ausgezeichnet", "zufrieden", "freundlich", "wunderbar", "großartig", "klappt",
            "merci", "parfait", "parfaite", "génial", "excellent", "excellente", "top", "ravi", "ravie", "satisfait",
            "satisfaite", "sympathique", "sympa", "efficace", "formidable", "bravo", "impeccable",
            "gracias", "perfecto", "perfecta", "excelente", "genial", "estupendo", "amable", "amables", "encantado",
            "encantada", "contento", "contenta", "maravilloso", "fantástico", "agradecer", "agradezco",
            "grazie", "perfetto", "perfetta", "ottimo", "ottima", "gentile", "gentilissimi", "gentilissimo",
            "complimenti", "bravissimi", "eccellente", "fantastico", "soddisfatto", "soddisfatta",
            "obrigado", "obrigada", "ótimo", "ótima", "perfeito", "perfeita", "adorei", "parabéns", "maravilhoso",
            "satisfeito", "satisfeita", "incrível",
            "bedankt", "dankjewel", "geweldig", "fijn", "perfect", "tevreden", "vriendelijk", "uitstekend");

    private SentimentFeatures() {
    }

    /**
     * The signals of a text.
     *
     * @param lexiconScore the lexicon's (VADER) score, or 0 when the text is not English
     * @param english      whether the text is English (the foreign words are read only when it is not)
     */
    static double[] of(String text, double lexiconScore, boolean english) {
        List<String> words = ChurnIntent.words(text);
        double[] f = new double[NAMES.size()];
        f[0] = lexiconScore;
        f[1] = capitals(text);
        int exclamations = 0;
        boolean repeated = false;
        boolean elongated = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '!') {
                exclamations++;
            }
            if (i > 0 && (c == '!' || c == '?') && (text.charAt(i - 1) == '!' || text.charAt(i - 1) == '?')) {
                repeated = true;
            }
            if (i > 1 && Character.isLetter(c) && c == text.charAt(i - 1) && c == text.charAt(i - 2)) {
                elongated = true;
            }
        }
        f[2] = Math.min(exclamations, 3) / 3.0;
        f[3] = repeated ? 1 : 0;
        f[4] = elongated ? 1 : 0;
        f[5] = ChurnIntent.in(text) ? 1 : 0;
        long cues = words.stream().filter(DISSATISFACTION_CUES::contains).distinct().count();
        f[6] = Math.min(cues, 3) / 3.0;
        boolean polite = words.stream().anyMatch(POLITE::contains);
        boolean trouble = words.stream().anyMatch(TROUBLE::contains);
        boolean resolved = words.stream().anyMatch(RESOLVED::contains);
        f[7] = polite && trouble && !resolved ? 1 : 0;
        String joined = " " + String.join(" ", words) + " ";
        f[8] = sarcasmMarkers(text, joined) ? 1 : 0;
        f[9] = CALM_PHRASES.stream().anyMatch(p -> joined.contains(" " + p + " ")) ? 1 : 0;
        f[10] = Math.min(EXPECTATION_PHRASES.stream().filter(p -> joined.contains(" " + p + " ")).count(), 2) / 2.0;
        if (!english) {
            f[11] = Math.min(words.stream().filter(FOREIGN_NEGATIVE::contains).count(), 2) / 2.0;
            f[12] = Math.min(words.stream().filter(FOREIGN_POSITIVE::contains).count(), 2) / 2.0;
        }
        return f;
    }

    /** How strongly the text is written, 0..1: capitals, exclamation marks, repeated marks, stretched words. */
    static double intensity(double[] features) {
        return Math.min(1, 0.5 * features[1] + 0.25 * features[2] + 0.15 * features[3] + 0.1 * features[4]);
    }

    /** The share of the words of two or more letters written in capitals, when at least two are. */
    private static double capitals(String text) {
        int words = 0;
        int upper = 0;
        int letters = 0;
        boolean lower = false;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (Character.isLetter(c)) {
                letters++;
                lower |= !Character.isUpperCase(c);
            } else if (letters > 0 && (Character.isWhitespace(c) || Character.isSpaceChar(c) || isPunctuation(c))) {
                if (letters >= 2) {
                    words++;
                    if (!lower) {
                        upper++;
                    }
                }
                letters = 0;
                lower = false;
            }
        }
        return upper >= 2 ? (double) upper / words : 0;
    }

    private static boolean isPunctuation(char c) {
        return c < 128 && !Character.isLetterOrDigit(c) && c != '\'';
    }

    private static boolean sarcasmMarkers(String text, String joined) {
        if (text.contains("\uD83D\uDE44") || text.contains("\uD83D\uDE43") || text.contains("\uD83D\uDE12")) { // 🙄 🙃 😒
            return true;
        }
        for (String phrase : SARCASM_PHRASES) {
            if (joined.contains(" " + phrase + " ")) {
                return true;
            }
        }
        return scareQuotes(text);
    }

    /** A word or two in quotation marks: the "express" delivery, the "free" upgrade. */
    private static boolean scareQuotes(String text) {
        String normalised = text.replace('\u201C', '"').replace('\u201D', '"');
        int open = normalised.indexOf('"');
        while (open >= 0) {
            int close = normalised.indexOf('"', open + 1);
            if (close < 0) {
                return false;
            }
            String quoted = normalised.substring(open + 1, close).strip();
            if (!quoted.isEmpty() && quoted.split("\\s+").length <= 6 && quoted.length() <= 40
                    && !quoted.toLowerCase(Locale.ROOT).startsWith("re:")) {
                return true;
            }
            open = normalised.indexOf('"', close + 1);
        }
        return false;
    }
}
