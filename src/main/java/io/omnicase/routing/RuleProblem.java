package io.omnicase.routing;

/**
 * Why a rule table was refused, located so an editor can point at the cell.
 *
 * @param row    the rule row, counted from 1; null when the problem concerns the table as a whole
 * @param column where in the row, e.g. {@code name}, {@code conditions[2].operator}, {@code actions.queue}
 */
public record RuleProblem(Integer row, String column, String message) {

    /** The problem as one readable sentence. */
    public String describe() {
        if (row == null) {
            return column == null ? message : column + ": " + message;
        }
        return "row " + row + (column == null ? "" : ", " + column) + ": " + message;
    }
}
