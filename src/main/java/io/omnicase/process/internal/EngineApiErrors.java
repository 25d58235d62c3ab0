package io.omnicase.process.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.http.Problems;
import io.omnicase.http.StoreOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's API (Camunda's, under {@code /camunda/api}) answers some bad requests as if the engine had failed: a
 * {@code 500} for a request the engine refuses (deleting a task that is part of a case, a body of {@code null}), a
 * {@code 404} for a query parameter of the wrong kind, and Jackson's own message, naming Java types, as
 * {@code text/plain} for a body that does not fit. Those answers are rewritten here: the request's fault is a
 * {@code 400} (a concurrent change {@code 409}, a database that cannot be reached {@code 503} with {@code Retry-After})
 * with a problem description in words. Its {@code message} member repeats the detail, as the engine's own error
 * bodies carry it, so Cockpit, Tasklist and Admin show it. Every other answer of the engine's API is left as Camunda
 * documents it.
 */
@Configuration(proxyBeanMethods = false)
class EngineApiErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CAPTURED = 64 * 1024;
    /** An engine message that names code (a Java type or method) says nothing to a user. */
    private static final Pattern NAMES_CODE = Pattern.compile("\\b(java|javax|jakarta|org|com)\\.[a-z]|Exception\\b|\\(\\)");
    /** Words of a failure to reach the database at all (MariaDB down, restarting, no connection free in time). */
    private static final Pattern STORE_DOWN = Pattern.compile(
            "(?i)communications link|could not open|cannot ?(create|get)|connection (is )?(refused|reset|closed|not available)"
                    + "|SQL(Non)?TransientConnection|JDBCConnection|socket|too many connections");
    /** Words of any failure of the engine's persistence: an outage, or a statement MariaDB refused. */
    private static final Pattern PERSISTENCE = Pattern.compile("(?i)persistence|jdbc|sql|database|flush");
    /** The engine's built-in error codes (its REST error bodies' {@code code} since Camunda 7.20). */
    static final int DEADLOCK = 10_000;
    static final int FOREIGN_KEY = 10_001;
    static final int VALUE_TOO_LONG = 10_002;
    /** The field of a body Jackson could not read: {@code ... (through reference chain: X["field"])}. */
    private static final Pattern FIELD = Pattern.compile("\\[\"([^\"]{1,60})\"]\\)?\\s*$");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineApiErrorsInWords(DataSource dataSource) {
        JdbcTemplate probe = new JdbcTemplate(dataSource);
        probe.setQueryTimeout(2);
        BooleanSupplier storeAnswers = () -> {
            try {
                return Integer.valueOf(1).equals(probe.queryForObject("SELECT 1", Integer.class));
            } catch (RuntimeException unreachable) {
                return false;
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Rewrite(storeAnswers));
        registration.addUrlPatterns("/camunda/api/*", "/engine-rest/*");
        // Outside the task checks, which answer in words themselves, and inside the security chain.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 30);
        return registration;
    }

    /**
     * On {@code /engine-rest} (the API other systems call) every error is a problem description: the engine's own
     * error bodies ({@code {"type": "InvalidRequestException", "message": ...}}) become one with the same status, the
     * message as {@code detail} and {@code message} (when it names no code). The webapps' API keeps
     * the engine's bodies the webapps read.
     */
    static Answer everyError(int status, String contentType, byte[] body, BooleanSupplier storeAnswers) {
        Answer rewritten = rewritten(status, contentType, body, storeAnswers);
        if (rewritten != null || (contentType != null && contentType.toLowerCase().contains("problem"))) {
            return rewritten;
        }
        HttpStatus known = HttpStatus.resolve(status);
        JsonNode engine = parsed(body);
        String message = engine == null ? "" : engine.path("message").asText("");
        String detail = message.isBlank() || NAMES_CODE.matcher(message).find()
                ? (known == null ? "The engine refused this request" : known.getReasonPhrase()) : message;
        return new Answer(known == null ? HttpStatus.BAD_REQUEST : known, detail);
    }

    private static final class Rewrite extends OncePerRequestFilter {

        private final BooleanSupplier storeAnswers;

        Rewrite(BooleanSupplier storeAnswers) {
            this.storeAnswers = storeAnswers;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String negative = negativePaging(request.getQueryString());
            if (negative != null) {
                // The engine puts the value into its SQL as it is: MariaDB refuses "LIMIT ... OFFSET -5", and the
                // engine's persistence error read as a database outage (503, Retry-After, an ERROR with its stack trace
                // logged for each request; probe 49).
                write(request, response, new Answer(HttpStatus.BAD_REQUEST, negative + ": must be 0 or more"));
                return;
            }
            HttpServletResponse target = response;
            if (request.getRequestURI().startsWith("/engine-rest/")) {
                // Camunda's CacheControlFilter answers a GET with "Cache-Control: no-cache", which lets a browser or a
                // proxy store task names (a customer's first words) and variables; Spring Security then writes none
                // of its own. Here, as on every other API answer: nothing is stored (probe 49).
                response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
                target = new NoStore(response);
            }
            BodyCapture capture = new BodyCapture(target, r -> r.getStatus() >= 400, MAX_CAPTURED);
            chain.doFilter(request, capture);
            byte[] body = capture.body();
            if (body == null) {
                return;
            }
            Answer answer = request.getRequestURI().startsWith("/engine-rest/")
                    ? everyError(capture.getStatus(), capture.getContentType(), body, storeAnswers)
                    : rewritten(capture.getStatus(), capture.getContentType(), body, storeAnswers);
            if (answer == null) {
                capture.send(body);
                return;
            }
            response.resetBuffer();
            response.setHeader(HttpHeaders.CONTENT_LENGTH, null);
            if (answer.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(StoreOutage.RETRY_AFTER_SECONDS));
            }
            response.setStatus(answer.status().value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            capture.send(problem(request, answer));
        }

        private static void write(HttpServletRequest request, HttpServletResponse response, Answer answer) throws IOException {
            response.setStatus(answer.status().value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(problem(request, answer));
        }

        private static byte[] problem(HttpServletRequest request, Answer answer) throws IOException {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", answer.status().getReasonPhrase());
            problem.put("status", answer.status().value());
            problem.put("detail", answer.detail());
            String instance = Problems.instance(request.getRequestURI());
            if (instance != null) {
                problem.put("instance", instance);
            }
            problem.put("message", answer.detail());
            return JSON.writeValueAsBytes(problem);
        }
    }

    /** What Spring Security writes on every other answer. */
    static final String NO_STORE = "no-cache, no-store, max-age=0, must-revalidate";

    /** A response on which whatever sets {@code Cache-Control} sets {@link #NO_STORE}. */
    static final class NoStore extends HttpServletResponseWrapper {

        NoStore(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name) ? NO_STORE : value);
        }

        @Override
        public void addHeader(String name, String value) {
            if (HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name)) {
                super.setHeader(name, NO_STORE);
            } else {
                super.addHeader(name, value);
            }
        }
    }

    /** The paging parameters the engine's queries take: a first result and a page size, never below 0. */
    private static final Set<String> PAGING = Set.of("firstResult", "maxResults");

    /**
     * The paging parameter of the query string whose value is a negative number, or null when there is none. The
     * query string only: a form body is the engine's to read.
     */
    static String negativePaging(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name;
            String value;
            try {
                name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
                value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8).strip();
            } catch (IllegalArgumentException malformed) {
                continue; // the engine refuses it in its own words
            }
            if (PAGING.contains(name) && value.matches("-\\d+")) {
                return name;
            }
        }
        return null;
    }

    record Answer(HttpStatus status, String detail) {
    }

    /**
     * The answer in words for an engine error that needs one, or null to pass the engine's answer on as it is.
     * {@code storeAnswers} asks the database whether it answers, for a persistence failure the engine's words do not
     * tell apart: only an unreachable database is an outage (503); a statement MariaDB refused (a value too long for
     * its column) is the request's fault (probe 49: a 300-character business key read "the database cannot be reached").
     */
    static Answer rewritten(int status, String contentType, byte[] body, BooleanSupplier storeAnswers) {
        String text = new String(body, StandardCharsets.UTF_8);
        boolean json = contentType != null && contentType.toLowerCase().contains("json");
        if (json && contentType.toLowerCase().contains("problem")) {
            return null;
        }
        JsonNode engine = json ? parsed(body) : null;
        String type = engine == null ? "" : engine.path("type").asText("");
        String message = engine == null ? "" : engine.path("message").asText("");
        int code = engine == null ? 0 : engine.path("code").asInt(0);
        boolean plainText = contentType != null && contentType.toLowerCase().startsWith("text/plain");
        if (status == 400 && (plainText || NAMES_CODE.matcher(message).find())) {
            // Jackson's message, as text or inside the engine's JSON (which of its handlers answers varies).
            Matcher field = FIELD.matcher((plainText ? text : message).strip());
            return new Answer(HttpStatus.BAD_REQUEST, field.find()
                    ? field.group(1) + ": the value does not fit this field"
                    : "The request is not what this resource takes: a field or parameter has a value of the wrong kind");
        }
        if (status == 400 && engine != null && message.isBlank()) {
            return new Answer(HttpStatus.BAD_REQUEST, "The request is not what this resource takes: a field has a value of the wrong kind");
        }
        if (status == 404 && "QueryParamException".equals(type)) {
            return new Answer(HttpStatus.BAD_REQUEST, "A query parameter has a value of the wrong kind");
        }
        if (status != 500) {
            return null;
        }
        if (type.contains("OptimisticLocking")) {
            return new Answer(HttpStatus.CONFLICT, "Someone changed this at the same time: reload it and try again");
        }
        if (code == VALUE_TOO_LONG) {
            return new Answer(HttpStatus.BAD_REQUEST,
                    "A value of this request is longer than the engine stores (names, keys and ids: at most 255 characters)");
        }
        if (code == FOREIGN_KEY) {
            return new Answer(HttpStatus.CONFLICT,
                    "This refers to something that no longer exists, or is still used by something else: reload and try again");
        }
        if (code == DEADLOCK) {
            return new Answer(HttpStatus.SERVICE_UNAVAILABLE, "The engine is busy with the same data just now: try again in a few seconds");
        }
        if (type.endsWith("Error") || message.contains("heap space") || message.contains("OutOfMemory")) {
            // The server's trouble (a java.lang.Error), never the client's fault.
            return new Answer(HttpStatus.SERVICE_UNAVAILABLE, "The engine cannot answer just now: try again later");
        }
        boolean persistence = PERSISTENCE.matcher(message).find() || PERSISTENCE.matcher(type).find();
        if (STORE_DOWN.matcher(message).find() || STORE_DOWN.matcher(type).find()
                || persistence && !storeAnswers.getAsBoolean()) {
            return new Answer(HttpStatus.SERVICE_UNAVAILABLE,
                    "The database cannot be reached just now: try again in a few seconds");
        }
        if (persistence) {
            return new Answer(HttpStatus.BAD_REQUEST,
                    "The engine could not store this request: a value of it does not fit what the engine keeps");
        }
        if (message.isBlank() || NAMES_CODE.matcher(message).find()) {
            return new Answer(HttpStatus.BAD_REQUEST,
                    "The engine cannot carry out this request: a part of it is missing or does not fit");
        }
        return new Answer(HttpStatus.BAD_REQUEST, "The engine cannot carry out this request: " + message);
    }

    private static JsonNode parsed(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
