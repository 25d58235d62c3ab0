package io.omnicase.routing;

import java.util.List;

/** A rule set that does not compile or does not behave; carries readable messages, located by line or by row. */
public class RuleSetException extends RuntimeException {

    private final List<RuleProblem> located;

    public RuleSetException(List<String> problems) {
        this(problems.stream().map(p -> new RuleProblem(null, null, p)).toList(), true);
    }

    private RuleSetException(List<RuleProblem> located, boolean ignored) {
        super(String.join("\n", located.stream().map(RuleProblem::describe).toList()));
        this.located = List.copyOf(located);
    }

    /** A rule table refused with problems that name their row and column. */
    public static RuleSetException of(List<RuleProblem> problems) {
        return new RuleSetException(problems, true);
    }

    public List<String> problems() {
        return located.stream().map(RuleProblem::describe).toList();
    }

    public List<RuleProblem> located() {
        return located;
    }
}
