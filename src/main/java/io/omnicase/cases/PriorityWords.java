package io.omnicase.cases;

/**
 * A task priority as people read it: the level it reaches (routing's levels are 25, 50, 75 and 90), so timelines,
 * handovers and pages say "high priority" where the process holds 75.
 */
public final class PriorityWords {

    private PriorityWords() {
    }

    /** "low", "normal", "high" or "urgent"; "no" for none. */
    public static String of(Integer priority) {
        if (priority == null) {
            return "no";
        }
        return priority >= 90 ? "urgent" : priority >= 75 ? "high" : priority >= 50 ? "normal" : "low";
    }
}
