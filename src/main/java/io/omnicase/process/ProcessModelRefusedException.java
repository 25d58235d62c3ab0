package io.omnicase.process;

import java.util.List;

/** A model (or a form with it) the designer may not deploy; nothing was deployed. Answered 400 with the problems. */
public class ProcessModelRefusedException extends RuntimeException {

    private final transient List<DeploymentProblem> problems;

    public ProcessModelRefusedException(List<DeploymentProblem> problems) {
        super("The model was refused, nothing was deployed: " + String.join("; ", problems.stream()
                .map(p -> (p.elementId() == null ? "" : p.elementId() + ": ") + p.message()).limit(20).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<DeploymentProblem> problems() {
        return problems;
    }
}
