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
            "expectationCues", "foreignNegative", "foreignPositive", "recovery");

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
            "only", "weeks", "month", "days", "hours", "logged", "off", "chatbot", "crashing", "crashes", "freezing",
            "freezes", "froze", "frozen", "leak", "leaking", "leaks", "dropping", "dropout", "dropouts", "jammed",
            "jamming", "flickering", "buffering", "declined", "fault", "faulty", "outage", "glitch", "stuck", "dead",
            "missed", "overcharged", "ignored");
    private static final Set<String> RESOLVED = Set.of("fixed", "solved", "sorted", "works", "working", "resolved",
            "received", "arrived", "saved", "helped", "help");
    /*
     * What a cue word means depends on its neighbours in the clause: "broken again" is a complaint, "working again" is
     * good news; "not working" is trouble, "no error" and "no longer broken" are not; "the error is gone" is over;
     * "I'll wait" is calm, "I waited" and "still waiting" are not. The sets below let the cues be read in their clause
     * (a clause ends at . , ; : ! ? or "but").
     */
    /** Words that turn the state word one or two words after them around: "not working", "no error", "stopped crashing". */
    private static final Set<String> NEGATORS = Set.of("not", "no", "never", "dont", "doesnt", "didnt", "isnt", "wasnt",
            "arent", "werent", "cant", "cannot", "couldnt", "wont", "wouldnt", "hasnt", "havent", "hadnt", "stopped",
            "nor");
    /** Near a problem word (three words either side), that it is over: "the error is gone", "you fixed the leak". */
    private static final Set<String> RESOLUTION = Set.of("gone", "disappeared", "cleared", "clearing", "fixed", "fixing",
            "solved", "solving", "sorted", "sorting", "resolved", "resolving", "repaired", "repairing", "replaced",
            "replacing", "refunded", "refunding", "reversed", "reversing", "removed", "unblocked", "unblocking");
    /** A thing in a good state; what "again" repeats when it is good news ("works again", "online again"). */
    private static final Set<String> GOOD_STATE = Set.of("work", "works", "worked", "working", "fine", "normal",
            "running", "online", "connected", "connects", "loads", "loading", "syncs", "syncing", "smoothly",
            "properly", "correctly", "perfectly", "fixed", "solved", "sorted", "resolved", "arrived", "saved");
    /** One or two words before "wait", "waiting" or "hold", a customer willing to wait: "I'll wait", "happy to hold". */
    private static final Set<String> WILLING = Set.of("ill", "will", "happy", "glad", "gladly", "can", "mind", "while",
            "fine", "ok", "okay");
    private static final Set<String> WAITING = Set.of("wait", "waiting", "hold");
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
            "start again", "from scratch", "same answer", "same thing again",
            // taking it further: an ombudsman, a court, a regulator, a solicitor, the bank (session 50)
            "ombudsman", "small claims", "trading standards", "my solicitor", "my lawyer", "legal action",
            "chargeback", "formal complaint", "take this further", "taking this further", "escalate this",
            "bad review");
    /**
     * Reasons to leave that are no complaint: a death, a move abroad, a business closing. "My mum passed away, I need
     * to cancel the broadband" and "We're emigrating, how do I close my account?" are leaving, but not in anger: with
     * one of these the churn signal (which makes a message negative) stays 0. Routing's churn fact is not changed.
     */
    private static final List<String> LIFE_EVENTS = List.of("passed away", "deceased", "bereavement", "late husband",
            "late wife", "late partner", "late mother", "late father", "late mum", "late dad", "the estate of", "executor",
            "probate", "emigrating", "emigrate", "moving abroad", "moving overseas", "moving out of the country",
            "leaving the country", "relocating abroad", "relocating overseas", "closing down", "going into care",
            "care home", "retiring");
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
        String joined = " " + String.join(" ", words) + " ";
        f[5] = ChurnIntent.in(text) && LIFE_EVENTS.stream().noneMatch(p -> joined.contains(" " + p + " ")) ? 1 : 0;
        Reading reading = read(text);
        f[6] = Math.min(reading.cues(), 3) / 3.0;
        boolean polite = words.stream().anyMatch(POLITE::contains);
        f[7] = polite && reading.trouble() && !reading.good() ? 1 : 0;
        f[8] = sarcasmMarkers(text, joined) ? 1 : 0;
        f[9] = CALM_PHRASES.stream().anyMatch(p -> joined.contains(" " + p + " ")) ? 1 : 0;
        f[10] = Math.min(EXPECTATION_PHRASES.stream().filter(p -> joined.contains(" " + p + " ")).count(), 2) / 2.0;
        if (!english) {
            f[11] = Math.min(words.stream().filter(FOREIGN_NEGATIVE::contains).count(), 2) / 2.0;
            f[12] = Math.min(words.stream().filter(FOREIGN_POSITIVE::contains).count(), 2) / 2.0;
        }
        f[13] = reading.recovered() ? 1 : 0;
        return f;
    }

    /** Where a message stands so far: on a problem that is not over, on something working again, or neither. */
    private enum State { NONE, TROUBLE, GOOD }

    /**
     * The cues of a text read in their clauses.
     *
     * @param cues      how many distinct dissatisfaction cues are live (not "working again", "thanks again", "not
     *                  crashing anymore", "I'll wait")
     * @param trouble   whether a problem is named that is not over ("broken", "not working", "charged twice"; not "no
     *                  error", "the leak is fixed", "I'll wait")
     * @param good      whether something is said to work or be solved (not "not working", "never arrived")
     * @param recovered whether the message ends on a problem over or a thing that works (again): "the error is gone",
     *                  "it works again, thanks"; not "it worked for a day, now the error is back"
     * @param endsOnTrouble whether the last state named is a problem that is not over
     */
    record Reading(long cues, boolean trouble, boolean good, boolean recovered, boolean endsOnTrouble) {
    }

    /**
     * Whether the text ends on a problem that is not over ("my internet keeps dropping every evening, I hope you can
     * help"; "thanks, but it broke again"), rather than on something working or solved ("it broke twice, but it works
     * now, thanks").
     */
    static boolean endsOnTrouble(String text) {
        return read(text).endsOnTrouble();
    }

    /** Time words that are trouble only beside a complaint ("three weeks"): they do not change where a message ends. */
    private static final Set<String> TIME_WORDS = Set.of("weeks", "month", "days", "hours", "only", "another");

    static Reading read(String text) {
        Set<String> cues = new java.util.HashSet<>();
        boolean trouble = false;
        boolean good = false;
        State last = State.NONE;
        for (List<String> clause : clauses(text)) {
            for (int i = 0; i < clause.size(); i++) {
                String w = clause.get(i);
                boolean calmWait = WAITING.contains(w) && before(clause, i, 2, WILLING);
                boolean live = liveCue(clause, i, last);
                if (DISSATISFACTION_CUES.contains(w) && !calmWait && live) {
                    cues.add(w);
                }
                if (GOOD_STATE.contains(w) || RESOLVED.contains(w)) {
                    if (negated(clause, i)) {
                        trouble = true; // "not working", "never arrived", "no help"
                        last = State.TROUBLE;
                    } else {
                        good = true;
                        if (GOOD_STATE.contains(w)) {
                            last = State.GOOD; // "help", "received" do not say a problem is over
                        }
                    }
                } else if (w.equals("again")) {
                    if (live) {
                        trouble = true;
                        last = State.TROUBLE;
                    }
                } else if (TROUBLE.contains(w) && !calmWait) {
                    if (negated(clause, i) || over(clause, i)) {
                        last = State.GOOD; // "no error", "no longer broken", "the leak is fixed"
                    } else {
                        trouble = true;
                        if (!TIME_WORDS.contains(w)) {
                            last = State.TROUBLE;
                        }
                    }
                }
            }
        }
        return new Reading(cues.size(), trouble, good, last == State.GOOD, last == State.TROUBLE);
    }

    /** Whether the cue at i says something is wrong where it stands. */
    private static boolean liveCue(List<String> clause, int i, State soFar) {
        return switch (clause.get(i)) {
            // "again" repeats what was said before it: a complaint after trouble ("broken again"), good news after a
            // thing that works ("working again"); with nothing named in its clause, the last state of the message ("it
            // worked, all synced again"); never a complaint in "thanks again", "try again", "hello again"
            case "again" -> {
                State repeated = nearestState(clause, i);
                yield !(repeated == State.GOOD || repeated == State.NONE && soFar == State.GOOD
                        || before(clause, i, 2, Set.of("thanks", "thank"))
                        || before(clause, i, 1, Set.of("try", "hello", "hi", "hey")));
            }
            // "not crashing anymore": the problem before it is over ("doesn't work anymore" stays a complaint)
            case "anymore" -> !before(clause, i, 3, TROUBLE);
            // "still works": no complaint
            case "still" -> !(i + 1 < clause.size() && isGood(clause, i + 1)
                    || i + 2 < clause.size() && isGood(clause, i + 2));
            default -> true;
        };
    }

    /** The nearest state word within three words before i: a thing that works (and is not negated) or trouble. */
    private static State nearestState(List<String> clause, int i) {
        for (int j = i - 1; j >= Math.max(0, i - 3); j--) {
            if (isGood(clause, j)) {
                return State.GOOD;
            }
            if (TROUBLE.contains(clause.get(j)) || GOOD_STATE.contains(clause.get(j))) {
                return State.TROUBLE;
            }
        }
        return State.NONE;
    }

    private static boolean isGood(List<String> clause, int j) {
        return GOOD_STATE.contains(clause.get(j)) && !negated(clause, j);
    }

    /** A negator one or two words before ("not working", "no longer broken"), or "anymore" up to three after. */
    private static boolean negated(List<String> clause, int i) {
        return before(clause, i, 2, NEGATORS) || after(clause, i, 3, Set.of("anymore"));
    }

    /** A problem said to be over: "the error is gone", "you fixed the leak" (the resolution not itself negated). */
    private static boolean over(List<String> clause, int i) {
        for (int j = Math.max(0, i - 3); j <= Math.min(clause.size() - 1, i + 3); j++) {
            if (j != i && RESOLUTION.contains(clause.get(j)) && !before(clause, j, 2, NEGATORS)) {
                return true;
            }
        }
        return false;
    }

    private static boolean before(List<String> clause, int i, int span, Set<String> set) {
        for (int j = Math.max(0, i - span); j < i; j++) {
            if (set.contains(clause.get(j))) {
                return true;
            }
        }
        return false;
    }

    private static boolean after(List<String> clause, int i, int span, Set<String> set) {
        for (int j = i + 1; j <= Math.min(clause.size() - 1, i + span); j++) {
            if (set.contains(clause.get(j))) {
                return true;
            }
        }
        return false;
    }

    /** The text's words in clauses, split at . , ; : ! ? and line ends and at "but"; "any more" read as "anymore". */
    static List<List<String>> clauses(String text) {
        List<List<String>> clauses = new java.util.ArrayList<>();
        for (String part : text.split("[.,;:!?\\n\u2026]+")) {
            List<String> clause = new java.util.ArrayList<>();
            List<String> words = ChurnIntent.words(part);
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                if (w.equals("but")) {
                    if (!clause.isEmpty()) {
                        clauses.add(clause);
                    }
                    clause = new java.util.ArrayList<>();
                } else if (w.equals("any") && i + 1 < words.size() && words.get(i + 1).equals("more")) {
                    clause.add("anymore");
                    i++;
                } else {
                    clause.add(w);
                }
            }
            if (!clause.isEmpty()) {
                clauses.add(clause);
            }
        }
        return clauses;
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
