package io.omnicase.routing.internal;

import io.omnicase.routing.FactField;
import io.omnicase.routing.RuleCondition;
import io.omnicase.routing.RuleOperator;
import io.omnicase.routing.ValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a rule's sentence and its whole-number values agree. A supervisor writes the sentence; it names the rule in
 * every decision's reasons, so "A customer who has written three times on a case goes to a person" over a value of 4
 * tells agents something false (walk of 5 December). The sentence is only read for the counts it states (digits,
 * number words, ordinals, "once", "twice"), never evaluated.
 * <p>
 * They disagree when a whole-number condition's value is not one the sentence states and the sentence states a count
 * that no such condition has: "five cases in 90 days" over {@code recentCases ≥ 5} agrees (the 90 is the field's
 * window, no condition's value), over {@code ≥ 6} it does not. "more than two" states 3, "fewer than five" 4, so
 * either way of writing a bound agrees with either operator; "three days" states 72 for a field counted in hours.
 * A sentence that states no count says nothing to disagree with. Plain loops only, as {@link GuidedRuleCheck}.
 */
public final class RuleSentence {

    private static final Map<String, Long> CARDINALS = Map.ofEntries(
            Map.entry("zero", 0L), Map.entry("one", 1L), Map.entry("two", 2L), Map.entry("three", 3L),
            Map.entry("four", 4L), Map.entry("five", 5L), Map.entry("six", 6L), Map.entry("seven", 7L),
            Map.entry("eight", 8L), Map.entry("nine", 9L), Map.entry("ten", 10L), Map.entry("eleven", 11L),
            Map.entry("twelve", 12L), Map.entry("thirteen", 13L), Map.entry("fourteen", 14L),
            Map.entry("fifteen", 15L), Map.entry("sixteen", 16L), Map.entry("seventeen", 17L),
            Map.entry("eighteen", 18L), Map.entry("nineteen", 19L), Map.entry("twenty", 20L),
            Map.entry("thirty", 30L), Map.entry("forty", 40L), Map.entry("fifty", 50L), Map.entry("sixty", 60L),
            Map.entry("ninety", 90L), Map.entry("hundred", 100L),
            Map.entry("once", 1L), Map.entry("twice", 2L), Map.entry("thrice", 3L),
            Map.entry("first", 1L), Map.entry("second", 2L), Map.entry("third", 3L), Map.entry("fourth", 4L),
            Map.entry("fifth", 5L), Map.entry("sixth", 6L), Map.entry("seventh", 7L), Map.entry("eighth", 8L),
            Map.entry("ninth", 9L), Map.entry("tenth", 10L), Map.entry("twelfth", 12L), Map.entry("twentieth", 20L));

    /** A count the sentence states: the words it was written in, its number, and how the bound reads around it. */
    private record Stated(String words, long number, int shift, String unit) {
    }

    private RuleSentence() {
    }

    /**
     * Why the sentence and the values disagree, in words for the supervisor, or empty when they agree.
     *
     * @param conditions the row's checked conditions (known fields and operators, whole numbers as {@code Long})
     */
    public static Optional<String> disagreement(String sentence, List<RuleCondition> conditions) {
        if (sentence == null || conditions == null) {
            return Optional.empty();
        }
        List<Stated> stated = stated(sentence);
        if (stated.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> counts = new ArrayList<>();
        for (int c = 0; c < conditions.size(); c++) {
            if (field(conditions.get(c)) != null) {
                counts.add(c);
            }
        }
        Integer unsaid = null;
        for (int c : counts) {
            if (stated.stream().noneMatch(s -> agree(s, conditions.get(c)))) {
                unsaid = c;
                break;
            }
        }
        if (unsaid == null) {
            return Optional.empty();
        }
        Stated stray = stated.stream()
                .filter(s -> counts.stream().noneMatch(c -> agree(s, conditions.get(c))))
                .findFirst().orElse(null);
        if (stray == null) {
            return Optional.empty();
        }
        RuleCondition condition = conditions.get(unsaid);
        FactField field = field(condition);
        return Optional.of("the sentence says “" + stray.words() + "” but condition " + (unsaid + 1) + " is "
                + field.label() + " " + RuleOperator.valueOf(condition.operator()).label() + " " + condition.value()
                + "; change the sentence or the value so that they agree");
    }

    /** The field of a whole-number condition; null for any other condition. */
    private static FactField field(RuleCondition condition) {
        if (!(condition.value() instanceof Long)) {
            return null;
        }
        for (FactField field : FactField.values()) {
            if (field.name().equals(condition.field())) {
                return field.type() == ValueType.INTEGER ? field : null;
            }
        }
        return null;
    }

    private static boolean agree(Stated stated, RuleCondition condition) {
        long value = (Long) condition.value();
        long bound = switch (RuleOperator.valueOf(condition.operator())) {
            case MORE_THAN -> value + 1;
            case LESS_THAN -> value - 1;
            default -> value;
        };
        return stated.number() * unitOf(field(condition), stated.unit()) + stated.shift() == bound;
    }

    /** How many of the field's units one of the sentence's makes: "three days" of a field counted in hours is 72. */
    private static long unitOf(FactField field, String unit) {
        boolean days = unit.equals("day") || unit.equals("days");
        boolean weeks = unit.equals("week") || unit.equals("weeks");
        if (field.name().endsWith("_HOURS")) {
            return days ? 24 : weeks ? 168 : 1;
        }
        if (field.name().contains("_DAYS")) {
            return weeks ? 7 : 1;
        }
        return 1;
    }

    /** The counts a sentence states, in order. */
    private static List<Stated> stated(String sentence) {
        List<String> words = words(sentence);
        List<Stated> stated = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Long number = number(words.get(i));
            if (number == null) {
                continue;
            }
            String before = (i >= 2 ? words.get(i - 2) + " " : "") + (i >= 1 ? words.get(i - 1) : "");
            int shift = before.endsWith("more than") || before.endsWith("over") || before.endsWith("above") ? 1
                    : before.endsWith("less than") || before.endsWith("fewer than") || before.endsWith("under")
                    || before.endsWith("below") ? -1 : 0;
            String unit = i + 1 < words.size() ? words.get(i + 1) : "";
            stated.add(new Stated(unit.isEmpty() ? words.get(i) : words.get(i) + " " + unit, number, shift, unit));
        }
        return stated;
    }

    /** A word's number: digits (also "3rd", "90th"), a number word or an ordinal; null for any other word. */
    private static Long number(String word) {
        int digits = 0;
        while (digits < word.length() && Character.isDigit(word.charAt(digits))) {
            digits++;
        }
        if (digits == 0) {
            return CARDINALS.get(word);
        }
        String suffix = word.substring(digits);
        if (digits > 9 || !(suffix.isEmpty() || suffix.equals("st") || suffix.equals("nd") || suffix.equals("rd")
                || suffix.equals("th"))) {
            return null;
        }
        return Long.parseLong(word.substring(0, digits));
    }

    /** The sentence's words in lower case: runs of letters and digits. */
    private static List<String> words(String sentence) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= sentence.length(); i++) {
            char c = i < sentence.length() ? sentence.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                word.append(c);
            } else if (!word.isEmpty()) {
                words.add(word.toString().toLowerCase(Locale.ROOT));
                word.setLength(0);
            }
        }
        return words;
    }
}
