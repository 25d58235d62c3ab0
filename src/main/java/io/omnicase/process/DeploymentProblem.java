package io.omnicase.process;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why a process model (or a form deployed with it) may not be deployed: the id of the element it concerns, so a
 * modeler can highlight it, or null for a problem of the whole document (malformed XML, too large), and the reason.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeploymentProblem(String elementId, String message) {
}
