package io.omnicase.process.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** engine-rest answers a refused deployment as problem details naming each refused element, not as an engine error. */
public final class RefusedDeploymentProblems implements ExceptionMapper<RefusedDeploymentException> {

    // Its own mapper, not Boot's: Jersey instantiates this class, outside the application context.
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Response toResponse(RefusedDeploymentException exception) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Bad Request");
        problem.put("status", 400);
        problem.put("detail", exception.getMessage());
        problem.put("refusals", exception.reasons());
        try {
            return Response.status(400).type("application/problem+json").entity(JSON.writeValueAsString(problem)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
