package io.omnicase.process.internal;

import org.camunda.bpm.engine.BadUserRequestException;

import java.util.List;

/** A deployment that the deployment policy refuses; a client error, answered 400 with the reasons. */
public final class RefusedDeploymentException extends BadUserRequestException {

    private final transient List<String> reasons;

    RefusedDeploymentException(List<String> reasons) {
        super("The deployment was refused: " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
