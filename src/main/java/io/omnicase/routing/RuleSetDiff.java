package io.omnicase.routing;

import java.util.List;

/**
 * What changed from one version to another: row by row when both are rule tables, and line by line in the DRL.
 *
 * @param rows  the rows of the later version in order, then the rows it removed; null when either version is raw DRL
 * @param lines the DRL line diff, "+ added", "- removed", "  kept"
 */
public record RuleSetDiff(int from, int to, List<RowChange> rows, List<String> lines) {

    /** How one row fared. */
    public enum Change {
        ADDED, REMOVED, CHANGED, MOVED, KEPT
    }

    /**
     * One row of the diff, matched by rule name.
     *
     * @param fromRow its row in the earlier version (from 1), null if added
     * @param toRow   its row in the later version (from 1), null if removed
     */
    public record RowChange(Change change, String name, Integer fromRow, Integer toRow, GuidedRule before,
                            GuidedRule after) {
    }
}
