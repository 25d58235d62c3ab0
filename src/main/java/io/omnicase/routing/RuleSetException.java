package io.omnicase.routing;

import java.util.List;

/** A rule set that does not compile or does not behave; carries readable messages with line numbers. */
public class RuleSetException extends RuntimeException {

    private final List<String> problems;

    public RuleSetException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
