package io.omnicase.cases;

import java.util.List;
import java.util.Set;

/**
 * Whether a customer's message only thanks or confirms ("Thank you, all good now."): decided here once. Such a message
 * on a resolved case goes on its timeline and leaves the case resolved; reopening it sent a thank-you to an anonymous
 * queue, restarted the SLA and counted a reopen against the agent who solved it (walk of 4 December). Anything more
 * (a question, a problem word, a request for a person, more than a couple of sentences) is not a mere confirmation:
 * when unsure, the case reopens, as before.
 */
public final class Confirmation {

    /** Longer messages say more than thanks. */
    private static final int MAX_WORDS = 30;

    private static final Set<String> THANKS_WORDS = Set.of("thanks", "thank", "thx", "ty", "cheers", "danke", "merci",
            "gracias", "grazie", "appreciated", "appreciate", "solved", "resolved", "fixed", "sorted", "perfect");

    private static final List<String[]> THANKS_PHRASES = phrases("all good", "works now", "working now", "it works",
            "that worked", "that did it", "that helped", "all sorted", "all set", "problem solved", "got it", "received it",
            "arrived", "much better", "great help", "you can close", "please close");

    /** Words that say something is still wrong, or asked: the case reopens. */
    private static final Set<String> TROUBLE = Set.of("but", "however", "still", "again", "not", "no", "never", "nothing",
            "doesn", "don", "didn", "isn", "wasn", "won", "cannot", "couldn", "why", "what", "when", "where", "how",
            "which", "who", "could", "would", "should", "help", "problem", "issue", "error", "wrong", "broken", "broke",
            "charged", "cancel", "complaint", "unfortunately", "another", "also", "other", "question");

    /**
     * What works again: "again" after one of these says the trouble is over ("Printing again", "works fine again"),
     * not that it came back ("it broke again"). Walk of 4 December (night): "Thanks, that worked! Printing again."
     * reopened a resolved case and sent it to the senior queue as a third complaint.
     */
    private static final Set<String> WORKING = Set.of("works", "working", "worked", "work", "fine", "ok", "okay",
            "normal", "normally", "online", "printing", "prints", "running", "runs", "connected", "connecting", "loading",
            "loads", "syncing", "sending", "sends", "charging", "back", "up", "happy", "smoothly", "perfectly");

    private Confirmation() {
    }

    /** Whether the text only thanks or confirms. */
    public static boolean only(String text) {
        if (text == null || text.isBlank() || text.indexOf('?') >= 0 || PersonRequest.in(text)) {
            return false;
        }
        List<String> words = PersonRequest.words(text);
        if (words.isEmpty() || words.size() > MAX_WORDS) {
            return false;
        }
        boolean thanks = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean solved = "problem".equals(word) && i + 1 < words.size() && "solved".equals(words.get(i + 1));
            boolean workingAgain = "again".equals(word) && i > 0 && WORKING.contains(words.get(i - 1));
            if (TROUBLE.contains(word) && !solved && !workingAgain) {
                return false;
            }
            int at = i;
            thanks |= THANKS_WORDS.contains(word) || THANKS_PHRASES.stream().anyMatch(phrase -> PersonRequest.startsAt(words, at, phrase));
        }
        return thanks;
    }

    private static List<String[]> phrases(String... phrases) {
        return java.util.Arrays.stream(phrases).map(phrase -> phrase.split(" ")).toList();
    }
}
