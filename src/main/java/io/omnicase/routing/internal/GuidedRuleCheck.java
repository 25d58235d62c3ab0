package io.omnicase.routing.internal;

import io.omnicase.routing.FactField;
import io.omnicase.routing.GuidedRule;
import io.omnicase.routing.GuidedRuleSet;
import io.omnicase.routing.Handling;
import io.omnicase.routing.Priority;
import io.omnicase.routing.Queue;
import io.omnicase.routing.RuleActions;
import io.omnicase.routing.RuleCondition;
import io.omnicase.routing.RuleOperator;
import io.omnicase.routing.RuleProblem;
import io.omnicase.routing.Skill;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a rule table by type, cell by cell, and returns it normalised (numbers as the field's type, blanks as null),
 * so that only known fields, operators valid for them, constants of the right enum and values of the right type
 * reach the DRL generator, and a sentence that states another count than its values ({@link RuleSentence}) is refused
 * too. Every problem names its row and column. Plain loops only: nothing here backtracks.
 */
public final class GuidedRuleCheck {

    public static final int MAX_RULES = 200;
    public static final int MAX_CONDITIONS = 20;
    public static final int MAX_NAME = 200;
    public static final int MAX_TEXT = 1_000;
    public static final int MAX_REASON = 500;
    public static final int MAX_WORDS = 50;
    /** Decimal values are kept to this many places; the fields they compare with are scores from -1 to 1. */
    static final int DECIMAL_PLACES = 4;

    private GuidedRuleCheck() {
    }

    /** The problems of a table, empty when it may be turned into rules. */
    public static List<RuleProblem> problems(GuidedRuleSet table) {
        List<RuleProblem> problems = new ArrayList<>();
        normalise(table, problems);
        return problems;
    }

    /**
     * The table with every value in its canonical type, or the problems that keep it from becoming rules.
     *
     * @throws io.omnicase.routing.RuleSetException listing every problem with its row and column
     */
    public static GuidedRuleSet checked(GuidedRuleSet table) {
        List<RuleProblem> problems = new ArrayList<>();
        GuidedRuleSet normalised = normalise(table, problems);
        if (!problems.isEmpty()) {
            throw io.omnicase.routing.RuleSetException.of(problems);
        }
        return normalised;
    }

    private static GuidedRuleSet normalise(GuidedRuleSet table, List<RuleProblem> problems) {
        if (table == null || table.rules() == null || table.rules().isEmpty()) {
            problems.add(new RuleProblem(null, "rules", "the table has no rules; add at least one row"));
            return table;
        }
        if (table.rules().size() > MAX_RULES) {
            problems.add(new RuleProblem(null, "rules", "the table has " + table.rules().size()
                    + " rows; at most " + MAX_RULES + " are allowed"));
            return table;
        }
        List<GuidedRule> rows = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < table.rules().size(); i++) {
            int row = i + 1;
            GuidedRule rule = table.rules().get(i);
            if (rule == null) {
                problems.add(new RuleProblem(row, null, "the row is empty"));
                continue;
            }
            String name = sentence(rule.name(), row, "name", MAX_NAME, true, problems);
            if (name != null) {
                Integer earlier = names.putIfAbsent(name, row);
                if (earlier != null) {
                    problems.add(new RuleProblem(row, "name", "row " + earlier + " has the same name; each rule needs its own"));
                }
            }
            List<RuleCondition> conditions = conditions(rule.conditions(), row, problems);
            RuleSentence.disagreement(name, conditions)
                    .ifPresent(disagreement -> problems.add(new RuleProblem(row, "name", disagreement)));
            RuleActions actions = actions(rule.actions(), row, problems);
            rows.add(new GuidedRule(name, conditions, actions));
        }
        return new GuidedRuleSet(List.copyOf(rows));
    }

    private static List<RuleCondition> conditions(List<RuleCondition> conditions, int row, List<RuleProblem> problems) {
        if (conditions == null) {
            return List.of();
        }
        if (conditions.size() > MAX_CONDITIONS) {
            problems.add(new RuleProblem(row, "conditions", "at most " + MAX_CONDITIONS + " conditions per rule"));
            return List.of();
        }
        List<RuleCondition> checked = new ArrayList<>();
        for (int c = 0; c < conditions.size(); c++) {
            String at = "conditions[" + (c + 1) + "]";
            RuleCondition condition = conditions.get(c);
            if (condition == null) {
                problems.add(new RuleProblem(row, at, "the condition is empty"));
                continue;
            }
            FactField field = constant(FactField.class, condition.field(), row, at + ".field", "field", problems);
            if (field == null) {
                continue;
            }
            RuleOperator operator = constant(RuleOperator.class, condition.operator(), row, at + ".operator",
                    "operator", problems);
            if (operator == null) {
                continue;
            }
            if (!operator.appliesTo(field.type())) {
                problems.add(new RuleProblem(row, at + ".operator", "operator " + operator + " does not apply to "
                        + field + "; use one of " + field.operators()));
                continue;
            }
            Object value = value(field, operator, condition.value(), row, at + ".value", problems);
            if (value != null) {
                checked.add(new RuleCondition(field.name(), operator.name(), value));
            }
        }
        return List.copyOf(checked);
    }

    private static Object value(FactField field, RuleOperator operator, Object value, int row, String at,
                                List<RuleProblem> problems) {
        if (value == null) {
            problems.add(new RuleProblem(row, at, "a value is required"));
            return null;
        }
        switch (field.type()) {
            case CHOICE -> {
                if (!(value instanceof String name) || !field.choiceNames().contains(name)) {
                    problems.add(new RuleProblem(row, at, "must be one of " + field.choiceNames() + " for " + field));
                    return null;
                }
                return name;
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean flag)) {
                    problems.add(new RuleProblem(row, at, "must be true or false"));
                    return null;
                }
                return flag;
            }
            case INTEGER -> {
                BigDecimal number = number(value);
                if (number == null || number.stripTrailingZeros().scale() > 0) {
                    problems.add(new RuleProblem(row, at, "must be a whole number"));
                    return null;
                }
                if (!inRange(field, number, row, at, problems)) {
                    return null;
                }
                return number.longValueExact();
            }
            case DECIMAL -> {
                BigDecimal number = number(value);
                if (number == null) {
                    problems.add(new RuleProblem(row, at, "must be a number"));
                    return null;
                }
                if (!inRange(field, number, row, at, problems)) {
                    return null;
                }
                return number.setScale(DECIMAL_PLACES, RoundingMode.HALF_UP).doubleValue();
            }
            case TEXT -> {
                if (!(value instanceof String text)) {
                    problems.add(new RuleProblem(row, at, "must be a text"));
                    return null;
                }
                if (text.isBlank()) {
                    problems.add(new RuleProblem(row, at, "must not be blank"));
                    return null;
                }
                if (text.length() > MAX_TEXT) {
                    problems.add(new RuleProblem(row, at, "must be at most " + MAX_TEXT + " characters"));
                    return null;
                }
                if (text.indexOf('\u0000') >= 0) {
                    // No message text holds one, and MVEL cuts a literal short at an escaped NUL.
                    problems.add(new RuleProblem(row, at, "must not contain NUL characters"));
                    return null;
                }
                if (operator == RuleOperator.MENTIONS_ANY_OF || operator == RuleOperator.MENTIONS_NONE_OF) {
                    int words = Words.of(text).size();
                    if (words == 0 || words > MAX_WORDS) {
                        problems.add(new RuleProblem(row, at, "must list 1 to " + MAX_WORDS
                                + " words (letters and digits, separated by spaces or commas)"));
                        return null;
                    }
                }
                return text;
            }
            default -> throw new IllegalStateException("unknown value type " + field.type());
        }
    }

    private static boolean inRange(FactField field, BigDecimal number, int row, String at, List<RuleProblem> problems) {
        if (number.compareTo(BigDecimal.valueOf(field.min())) < 0 || number.compareTo(BigDecimal.valueOf(field.max())) > 0) {
            problems.add(new RuleProblem(row, at, "must be between " + field.min() + " and " + field.max()));
            return false;
        }
        return true;
    }

    /** A JSON number as an exact decimal; null for anything else (strings are not numbers here). */
    private static BigDecimal number(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        return null;
    }

    private static RuleActions actions(RuleActions actions, int row, List<RuleProblem> problems) {
        if (actions == null) {
            problems.add(new RuleProblem(row, "actions", "the rule does nothing; choose at least one action"));
            return null;
        }
        Handling handling = optionalConstant(Handling.class, actions.handling(), row, "actions.handling", problems);
        Queue queue = optionalConstant(Queue.class, actions.queue(), row, "actions.queue", problems);
        Priority priority = optionalConstant(Priority.class, actions.priority(), row, "actions.priority", problems);
        Set<String> skills = new LinkedHashSet<>();
        if (actions.skills() != null) {
            for (int s = 0; s < actions.skills().size(); s++) {
                Skill skill = constant(Skill.class, actions.skills().get(s), row, "actions.skills[" + (s + 1) + "]",
                        "skill", problems);
                if (skill != null) {
                    skills.add(skill.name());
                }
            }
        }
        String reason = actions.reason() == null || actions.reason().isBlank() ? null
                : sentence(actions.reason(), row, "actions.reason", MAX_REASON, false, problems);
        boolean anything = handling != null || queue != null || priority != null || !skills.isEmpty() || reason != null;
        boolean triedSomething = actions.skills() != null && !actions.skills().isEmpty()
                || actions.handling() != null || actions.queue() != null || actions.priority() != null
                || actions.reason() != null && !actions.reason().isBlank();
        if (!anything && !triedSomething) {
            problems.add(new RuleProblem(row, "actions", "the rule does nothing; choose at least one action"));
        }
        return new RuleActions(handling == null ? null : handling.name(), queue == null ? null : queue.name(),
                priority == null ? null : priority.name(), List.copyOf(skills), reason);
    }

    /** A one-line text typed by a supervisor: no control characters, not too long. */
    private static String sentence(String text, int row, String at, int max, boolean required, List<RuleProblem> problems) {
        if (text == null || text.isBlank()) {
            if (required) {
                problems.add(new RuleProblem(row, at, "is required"));
            }
            return null;
        }
        if (text.length() > max) {
            problems.add(new RuleProblem(row, at, "must be at most " + max + " characters"));
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                problems.add(new RuleProblem(row, at, "must be one line without control characters"));
                return null;
            }
        }
        return text.strip();
    }

    private static <E extends Enum<E>> E optionalConstant(Class<E> type, String name, int row, String at,
                                                          List<RuleProblem> problems) {
        return name == null || name.isEmpty() ? null : constant(type, name, row, at, type.getSimpleName().toLowerCase(), problems);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name, int row, String at, String what,
                                                  List<RuleProblem> problems) {
        if (name == null || name.isEmpty()) {
            problems.add(new RuleProblem(row, at, "a " + what + " is required"));
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        problems.add(new RuleProblem(row, at, "unknown " + what + " '" + shown(name) + "'; use one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
        return null;
    }

    /** A value as quoted back in a message: short and without control characters. */
    private static String shown(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 40; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return value.length() > 40 ? out + "…" : out.toString();
    }
}
