package io.omnicase.insight.internal.quality;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds phrases in text as whole words: case and apostrophe style (’ or ') ignored, runs of spaces as one. A phrase is
 * plain text, compared character by character, never compiled into a pattern. A phrase right after a negation ("not
 * solved", "isn't fixed", "no sorry") does not count.
 */
final class Phrases {

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "nothing", "hardly", "isn't", "wasn't",
            "hasn't", "haven't", "didn't", "doesn't", "don't", "won't", "can't", "cannot", "aren't", "still");

    private Phrases() {
    }

    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'');
        StringBuilder out = new StringBuilder(lower.length());
        boolean space = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            out.append(c);
        }
        return out.toString();
    }

    /** The phrases (as given) that occur in any of the texts, each once, in the order of the list. */
    static List<String> found(List<String> phrases, List<String> texts) {
        List<String> normalisedTexts = texts.stream().map(Phrases::normalise).toList();
        Set<String> found = new LinkedHashSet<>();
        for (String phrase : phrases) {
            String wanted = normalise(phrase);
            if (!wanted.isEmpty() && normalisedTexts.stream().anyMatch(text -> occurs(text, wanted))) {
                found.add(phrase);
            }
        }
        return new ArrayList<>(found);
    }

    static boolean occurs(String text, String phrase) {
        int from = 0;
        while (true) {
            int at = text.indexOf(phrase, from);
            if (at < 0) {
                return false;
            }
            int end = at + phrase.length();
            boolean startsWord = at == 0 || !wordChar(text.charAt(at - 1));
            boolean endsWord = end == text.length() || !wordChar(text.charAt(end));
            if (startsWord && endsWord && !negated(text, at)) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'';
    }

    /** Whether one of the two words before the position, in the same clause, is a negation. */
    private static boolean negated(String text, int at) {
        String before = text.substring(0, at);
        int clause = -1;
        for (char mark : new char[]{'.', '!', '?', ';', ',', ':'}) {
            clause = Math.max(clause, before.lastIndexOf(mark));
        }
        before = before.substring(clause + 1).strip();
        String[] words = before.isEmpty() ? new String[0] : before.split(" ");
        for (int i = Math.max(0, words.length - 2); i < words.length; i++) {
            String word = stripPunctuation(words[i]);
            if (NEGATIONS.contains(word) || word.endsWith("n't")) {
                return true;
            }
        }
        return false;
    }

    private static String stripPunctuation(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && !wordChar(word.charAt(start))) {
            start++;
        }
        while (end > start && !wordChar(word.charAt(end - 1))) {
            end--;
        }
        return word.substring(start, end);
    }
}
