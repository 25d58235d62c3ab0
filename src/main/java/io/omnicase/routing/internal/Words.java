package io.omnicase.routing.internal;

import io.omnicase.cases.PersonRequest;

import java.util.LinkedHashSet;
import java.util.Set;

/** Words and parts of texts, found in linear time (no regular expression, no naive substring search). */
public final class Words {

    private Words() {
    }

    /** The distinct words of a text, in order (the same words the request-for-a-person check reads). */
    public static Set<String> of(String text) {
        return new LinkedHashSet<>(PersonRequest.words(text));
    }

    /**
     * Whether {@code text} holds {@code part}: Knuth-Morris-Pratt, linear in both lengths, where
     * {@link String#contains} can take the product of the two on repetitive input (a run of spaces).
     */
    public static boolean contains(String text, String part) {
        int m = part.length();
        if (m == 0) {
            return true;
        }
        int[] fallback = new int[m];
        for (int i = 1, k = 0; i < m; i++) {
            while (k > 0 && part.charAt(i) != part.charAt(k)) {
                k = fallback[k - 1];
            }
            if (part.charAt(i) == part.charAt(k)) {
                k++;
            }
            fallback[i] = k;
        }
        for (int i = 0, k = 0; i < text.length(); i++) {
            while (k > 0 && text.charAt(i) != part.charAt(k)) {
                k = fallback[k - 1];
            }
            if (text.charAt(i) == part.charAt(k)) {
                k++;
            }
            if (k == m) {
                return true;
            }
        }
        return false;
    }
}
