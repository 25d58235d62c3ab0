package io.omnicase.insight;

import java.util.List;

/** Quality rules a supervisor sent that cannot be used; each problem names its field ("weights.empathy"). */
public class InvalidQualityRulesException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidQualityRulesException(List<FieldProblem> problems) {
        super(String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** One refused field and why. */
    public record FieldProblem(String field, String message) {
    }
}
