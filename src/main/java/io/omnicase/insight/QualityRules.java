package io.omnicase.insight;

import java.util.List;

/**
 * The quality scoring rules, as a supervisor edits them: data, never code (phrases are matched as plain words, case
 * and apostrophe style ignored, never compiled into a pattern).
 *
 * @param weights                    how much each component counts (0..100 each, at least one above 0); the total
 *                                   is the weighted mean of the components that apply, out of 100
 * @param ownershipPhrases           phrases of an agent taking ownership ("I will", "I'll make sure")
 * @param empathyPhrases             phrases of empathy ("I understand", "sorry to hear")
 * @param confirmationPhrases        phrases of a customer confirming the resolution ("that worked", "thank you")
 * @param lateFactor                 a first response within the SLA scores 1; later, the score falls in a straight
 *                                   line to 0 at this many times the SLA (1..10)
 * @param phrasesForFullMarks        how many different phrases of a kind give the full ownership or empathy score
 *                                   (1..10; fewer give a share)
 * @param sentimentSwingForFullMarks the rise of the customer's sentiment from first to last message (on the -1..1
 *                                   scale) that scores 1; the same fall scores 0, no change 0.5 (0.1..2)
 */
public record QualityRules(Weights weights, List<String> ownershipPhrases, List<String> empathyPhrases,
                           List<String> confirmationPhrases, Double lateFactor, Integer phrasesForFullMarks,
                           Double sentimentSwingForFullMarks) {

    public static final int MAX_WEIGHT = 100;
    public static final int MAX_PHRASES = 50;
    public static final int MAX_PHRASE_LENGTH = 60;

    public QualityRules {
        ownershipPhrases = copy(ownershipPhrases);
        empathyPhrases = copy(empathyPhrases);
        confirmationPhrases = copy(confirmationPhrases);
    }

    /** A read-only copy that keeps null entries, so the check can name them. */
    private static List<String> copy(List<String> phrases) {
        return phrases == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(phrases));
    }

    /** The weight of each component, 0..100. */
    public record Weights(Integer firstResponse, Integer ownership, Integer empathy, Integer confirmation,
                          Integer sentiment) {
    }
}
