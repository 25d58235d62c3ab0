package io.omnicase.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes problem details outside Spring MVC (security filters, servlet filters, the container's error page). */
public final class Problems {

    // Its own mapper, not Boot's: Tomcat's error valve (which Tomcat instantiates) writes through it too, and a flat
    // map of strings and numbers reads the same from any mapper.
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_INSTANCE_LENGTH = 200;

    private Problems() {
    }

    public static void write(HttpServletResponse response, HttpStatus status, String detail, String instance)
            throws IOException {
        write(response, status, detail, instance, Map.of());
    }

    /**
     * With extension members: {@code message} for Camunda's webapps, which show a refusal's {@code message} and would
     * otherwise say "Failed: " and nothing more.
     */
    public static void write(HttpServletResponse response, HttpStatus status, String detail, String instance,
                             Map<String, Object> extensions) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json(status, detail, instance(instance), extensions)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A request path fit to echo as {@code instance}: a long one (an attack, mostly) is left out. */
    public static String instance(String path) {
        return path == null || path.length() > MAX_INSTANCE_LENGTH ? null : path;
    }

    static String json(HttpStatus status, String detail, String instance) {
        return json(status, detail, instance, Map.of());
    }

    static String json(HttpStatus status, String detail, String instance, Map<String, Object> extensions) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        extensions.forEach(problem::putIfAbsent);
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
