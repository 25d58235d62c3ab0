package io.omnicase.insight.internal.quality;

import io.omnicase.insight.InvalidQualityRulesException;
import io.omnicase.insight.InvalidQualityRulesException.FieldProblem;
import io.omnicase.insight.QualityRules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks quality rules before they are saved: every field present and within its bounds, weights not all zero,
 * phrase lists not empty, each phrase plain words (letters, digits, spaces and ' - , . ! ?), no phrase twice. Rules
 * are data: nothing in them is ever run, and these bounds keep a phrase from looking like anything else.
 */
final class QualityRulesCheck {

    static final double MIN_LATE_FACTOR = 1, MAX_LATE_FACTOR = 10;
    static final int MIN_FULL_MARKS = 1, MAX_FULL_MARKS = 10;
    static final double MIN_SWING = 0.1, MAX_SWING = 2;

    private QualityRulesCheck() {
    }

    /** @throws InvalidQualityRulesException naming every field that is wrong */
    static void check(QualityRules rules) {
        List<FieldProblem> problems = problems(rules, "rules.");
        if (!problems.isEmpty()) {
            throw new InvalidQualityRulesException(problems);
        }
    }

    static List<FieldProblem> problems(QualityRules rules, String prefix) {
        List<FieldProblem> problems = new ArrayList<>();
        if (rules == null) {
            problems.add(new FieldProblem(prefix.isEmpty() ? "rules" : prefix.substring(0, prefix.length() - 1),
                    "is required"));
            return problems;
        }
        QualityRules.Weights weights = rules.weights();
        if (weights == null) {
            problems.add(new FieldProblem(prefix + "weights", "is required"));
        } else {
            int sum = 0;
            sum += weight(problems, prefix + "weights.firstResponse", weights.firstResponse());
            sum += weight(problems, prefix + "weights.ownership", weights.ownership());
            sum += weight(problems, prefix + "weights.empathy", weights.empathy());
            sum += weight(problems, prefix + "weights.confirmation", weights.confirmation());
            sum += weight(problems, prefix + "weights.sentiment", weights.sentiment());
            if (problems.isEmpty() && sum == 0) {
                problems.add(new FieldProblem(prefix + "weights", "at least one weight must be above 0"));
            }
        }
        phrases(problems, prefix + "ownershipPhrases", rules.ownershipPhrases());
        phrases(problems, prefix + "empathyPhrases", rules.empathyPhrases());
        phrases(problems, prefix + "confirmationPhrases", rules.confirmationPhrases());
        bounded(problems, prefix + "lateFactor", rules.lateFactor(), MIN_LATE_FACTOR, MAX_LATE_FACTOR);
        if (rules.phrasesForFullMarks() == null) {
            problems.add(new FieldProblem(prefix + "phrasesForFullMarks", "is required"));
        } else if (rules.phrasesForFullMarks() < MIN_FULL_MARKS || rules.phrasesForFullMarks() > MAX_FULL_MARKS) {
            problems.add(new FieldProblem(prefix + "phrasesForFullMarks",
                    "must be between " + MIN_FULL_MARKS + " and " + MAX_FULL_MARKS));
        }
        bounded(problems, prefix + "sentimentSwingForFullMarks", rules.sentimentSwingForFullMarks(), MIN_SWING, MAX_SWING);
        return problems;
    }

    private static int weight(List<FieldProblem> problems, String field, Integer value) {
        if (value == null) {
            problems.add(new FieldProblem(field, "is required"));
            return 0;
        }
        if (value < 0 || value > QualityRules.MAX_WEIGHT) {
            problems.add(new FieldProblem(field, "must be between 0 and " + QualityRules.MAX_WEIGHT));
            return 0;
        }
        return value;
    }

    private static void bounded(List<FieldProblem> problems, String field, Double value, double min, double max) {
        if (value == null) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (value.isNaN() || value < min || value > max) {
            problems.add(new FieldProblem(field, "must be between " + plain(min) + " and " + plain(max)));
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void phrases(List<FieldProblem> problems, String field, List<String> phrases) {
        if (phrases == null || phrases.isEmpty()) {
            problems.add(new FieldProblem(field, "needs at least one phrase"));
            return;
        }
        if (phrases.size() > QualityRules.MAX_PHRASES) {
            problems.add(new FieldProblem(field, "has more than " + QualityRules.MAX_PHRASES + " phrases"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < phrases.size(); i++) {
            String phrase = phrases.get(i);
            String at = field + "[" + i + "]";
            Function<String, FieldProblem> problem = message -> new FieldProblem(at, message);
            if (phrase == null || phrase.isBlank()) {
                problems.add(problem.apply("is empty"));
            } else if (phrase.strip().length() > QualityRules.MAX_PHRASE_LENGTH) {
                problems.add(problem.apply("is longer than " + QualityRules.MAX_PHRASE_LENGTH + " characters"));
            } else if (!plainWords(phrase)) {
                problems.add(problem.apply("may hold only letters, digits, spaces and ' - , . ! ?"));
            } else if (!seen.add(Phrases.normalise(phrase))) {
                problems.add(problem.apply("is in the list twice"));
            }
        }
    }

    private static boolean plainWords(String phrase) {
        boolean letter = false;
        for (int i = 0; i < phrase.length(); i++) {
            char c = phrase.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                letter = true;
            } else if (" '\u2019-,.!?".indexOf(c) < 0) {
                return false;
            }
        }
        return letter;
    }
}
