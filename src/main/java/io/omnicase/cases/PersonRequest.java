package io.omnicase.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a customer's message asks for a person: decided here once, for routing (the {@code asksForPerson} fact) and
 * for the assistant (which hands over at once). Matches whole words, ignoring case, in time linear in the text's length
 * (no regular expression).
 */
public final class PersonRequest {

    private static final String[] WHO = {"someone", "somebody", "a person", "a real person", "a human", "an agent",
            "a manager", "a representative", "an operator"};

    /** The phrases that ask for a person, each as its words. */
    private static final List<String[]> PHRASES = phrases();

    private PersonRequest() {
    }

    /** Whether the text asks for a person. */
    public static boolean in(String text) {
        List<String> words = words(text);
        for (int start = 0; start < words.size(); start++) {
            for (String[] phrase : PHRASES) {
                if (startsAt(words, start, phrase)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String[]> phrases() {
        // "I need a technician please" is a request for a person too: the assistant answered it "I am not sure I
        // understood your question" and the customer had to ask again (walk 46).
        List<String> phrases = new ArrayList<>(List.of("human", "real person", "a person", "an agent", "live agent",
                "someone real", "somebody real", "representative", "operator", "call me", "a technician",
                "an engineer",
                // "Please have someone from your billing team send us a corrected invoice": a request for a person
                // that the assistant answered with the "Download an invoice" article (walk 48).
                // Each names asking, not just someone: "I have someone else's parcel" or "Someone from your company
                // phoned me" ask for nobody.
                "please have someone", "please have somebody", "you have someone", "you have somebody",
                "get someone to", "get somebody to", "send someone", "send somebody",
                "could someone from", "could somebody from", "can someone from", "can somebody from",
                "someone who can", "somebody who can", "someone to call", "someone to contact", "contact me"));
        for (String verb : new String[]{"speak", "talk"}) {
            for (String preposition : new String[]{"to", "with"}) {
                for (String who : WHO) {
                    phrases.add(verb + " " + preposition + " " + who);
                }
            }
        }
        return phrases.stream().map(phrase -> phrase.split(" ")).toList();
    }

    /** Whether the phrase's words stand in {@code words} from {@code start} on. */
    static boolean startsAt(List<String> words, int start, String[] phrase) {
        if (start + phrase.length > words.size()) {
            return false;
        }
        for (int i = 0; i < phrase.length; i++) {
            if (!words.get(start + i).equals(phrase[i])) {
                return false;
            }
        }
        return true;
    }

    /** The text's words in order: runs of letters and digits, in lower case, found in linear time. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean inWord = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
        }
        return words;
    }
}
