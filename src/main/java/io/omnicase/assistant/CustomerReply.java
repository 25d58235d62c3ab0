package io.omnicase.assistant;

import io.omnicase.cases.PersonRequest;

import java.util.Locale;
import java.util.regex.Pattern;

/** What a customer's message says about the self-service conversation. */
public enum CustomerReply {
    /** The answer helped; the case can be resolved. */
    CONFIRMS,
    /** The customer wants a person, or says the answer did not help; the assistant hands over at once. */
    WANTS_PERSON,
    /** Anything else: a new or follow-up question. */
    OTHER;

    /** The answer did not help: the assistant hands over as when a person is asked for ({@link PersonRequest}). */
    private static final Pattern DID_NOT_HELP = Pattern.compile(
            "\\b(not (helpful|what i asked)|didn'?t help|doesn'?t help|did not help|does not help)\\b");
    private static final Pattern CONFIRMS_TEXT = Pattern.compile(
            "^(yes\\b.*|ok\\b.*|okay\\b.*|great\\b.*|perfect\\b.*|thanks?\\b.*|thank you\\b.*|solved\\b.*|that (helped|worked|solved it|did it)\\b.*"
                    + "|it works\\b.*|works now\\b.*|all good\\b.*|got it\\b.*|problem solved\\b.*)$");

    /** Reads a customer's message; a question mark or a long message is never taken as a confirmation. */
    public static CustomerReply of(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (PersonRequest.in(t) || DID_NOT_HELP.matcher(t).find()) {
            return WANTS_PERSON;
        }
        if (!t.contains("?") && t.split("\\s+").length <= 12 && CONFIRMS_TEXT.matcher(t).matches()
                && !t.matches(".*\\b(not|no longer|still|but)\\b.*")) {
            return CONFIRMS;
        }
        return OTHER;
    }
}
