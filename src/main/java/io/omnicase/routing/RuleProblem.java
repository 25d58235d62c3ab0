package io.omnicase.routing;

/**
 * Why a rule table was refused, located so an editor can point at the cell.
 *
 * @param row    the rule row, counted from 1; null when the problem concerns the table as a whole
 * @param column where in the row, e.g. {@code name}, {@code conditions[2].operator}, {@code actions.queue}
 */
public record RuleProblem(Integer row, String column, String message) {

    private static final java.util.regex.Pattern CONDITION =
            java.util.regex.Pattern.compile("conditions\\[(\\d+)](?:\\.(\\w+))?");
    private static final java.util.regex.Pattern ACTION = java.util.regex.Pattern.compile("actions\\.(\\w+)(?:\\[(\\d+)])?");

    /**
     * The problem as one readable sentence, its place in words ("row 8, condition 1's value: must be between 0 and
     * 1000000"); {@link #column} keeps the path an editor points at.
     */
    public String describe() {
        String place = column == null ? null : inWords(column);
        if (row == null) {
            return place == null ? message : place + ": " + message;
        }
        return "row " + row + (place == null ? "" : ", " + place) + ": " + message;
    }

    private static String inWords(String column) {
        java.util.regex.Matcher condition = CONDITION.matcher(column);
        if (condition.matches()) {
            return "condition " + condition.group(1) + (condition.group(2) == null ? "" : "'s " + condition.group(2));
        }
        java.util.regex.Matcher action = ACTION.matcher(column);
        if (action.matches()) {
            String name = action.group(1);
            // An indexed action is one of a list, counted from 1: "skills[2]" is "skill 2".
            return action.group(2) == null ? name : name.replaceFirst("s$", "") + " " + action.group(2);
        }
        return column;
    }
}
