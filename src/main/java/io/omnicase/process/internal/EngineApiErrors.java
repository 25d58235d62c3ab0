package io.omnicase.process.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.http.Problems;
import io.omnicase.http.StoreOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
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
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private static final Pattern STORE_DOWN = Pattern.compile(
            "(?i)persistence|jdbc|sql|connection|communications link|could not open");
    /** The field of a body Jackson could not read: {@code ... (through reference chain: X["field"])}. */
    private static final Pattern FIELD = Pattern.compile("\\[\"([^\"]{1,60})\"]\\)?\\s*$");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineApiErrorsInWords() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Rewrite());
        registration.addUrlPatterns("/camunda/api/*");
        // Outside the task checks, which answer in words themselves, and inside the security chain.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 30);
        return registration;
    }

    private static final class Rewrite extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Capture capture = new Capture(response);
            chain.doFilter(request, capture);
            capture.finish(request.getRequestURI());
        }
    }

    /** Passes every answer through, except the body of an error answer, which it keeps to read. */
    private static final class Capture extends HttpServletResponseWrapper {

        private final HttpServletResponse original;
        private ByteArrayOutputStream kept;
        private ServletOutputStream keptStream;
        private PrintWriter keptWriter;

        Capture(HttpServletResponse response) {
            super(response);
            this.original = response;
        }

        private boolean keeping() {
            return kept != null || getStatus() >= 400 && !isCommitted();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!keeping()) {
                return super.getOutputStream();
            }
            if (keptStream == null) {
                kept = kept == null ? new ByteArrayOutputStream() : kept;
                keptStream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        if (kept.size() < MAX_CAPTURED) {
                            kept.write(b);
                        }
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) {
                        kept.write(bytes, offset, Math.max(0, Math.min(length, MAX_CAPTURED - kept.size())));
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException();
                    }
                };
            }
            return keptStream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!keeping()) {
                return super.getWriter();
            }
            if (keptWriter == null) {
                keptWriter = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
            }
            return keptWriter;
        }

        // The length of a body that may be rewritten is the container's to set.
        @Override
        public void setContentLength(int length) {
            if (!keeping()) {
                super.setContentLength(length);
            }
        }

        @Override
        public void setContentLengthLong(long length) {
            if (!keeping()) {
                super.setContentLengthLong(length);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (!(keeping() && HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name))) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!(keeping() && HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name))) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!keeping()) {
                super.flushBuffer();
            }
        }

        void finish(String path) throws IOException {
            if (kept == null) {
                return;
            }
            if (keptWriter != null) {
                keptWriter.flush();
            }
            byte[] body = kept.toByteArray();
            Answer answer = rewritten(getStatus(), getContentType(), body);
            if (answer == null) {
                original.setContentLength(body.length);
                original.getOutputStream().write(body);
                return;
            }
            original.resetBuffer();
            original.setHeader(HttpHeaders.CONTENT_LENGTH, null);
            if (answer.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                original.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(StoreOutage.RETRY_AFTER_SECONDS));
            }
            original.setStatus(answer.status().value());
            original.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            original.setCharacterEncoding("UTF-8");
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", answer.status().getReasonPhrase());
            problem.put("status", answer.status().value());
            problem.put("detail", answer.detail());
            String instance = Problems.instance(path);
            if (instance != null) {
                problem.put("instance", instance);
            }
            problem.put("message", answer.detail());
            byte[] written = JSON.writeValueAsBytes(problem);
            original.setContentLength(written.length);
            original.getOutputStream().write(written);
        }
    }

    record Answer(HttpStatus status, String detail) {
    }

    /** The answer in words for an engine error that needs one, or null to pass the engine's answer on as it is. */
    static Answer rewritten(int status, String contentType, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        boolean json = contentType != null && contentType.toLowerCase().contains("json");
        if (json && contentType.toLowerCase().contains("problem")) {
            return null;
        }
        JsonNode engine = json ? parsed(body) : null;
        String type = engine == null ? "" : engine.path("type").asText("");
        String message = engine == null ? "" : engine.path("message").asText("");
        boolean plainText = contentType != null && contentType.toLowerCase().startsWith("text/plain");
        if (status == 400 && (plainText || NAMES_CODE.matcher(message).find())) {
            // Jackson's message, as text or inside the engine's JSON (which of its handlers answers varies).
            Matcher field = FIELD.matcher((plainText ? text : message).strip());
            return new Answer(HttpStatus.BAD_REQUEST, field.find()
                    ? field.group(1) + ": the value does not fit this field"
                    : "The body is not what this resource takes");
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
        if (STORE_DOWN.matcher(message).find() || STORE_DOWN.matcher(type).find()) {
            return new Answer(HttpStatus.SERVICE_UNAVAILABLE,
                    "The database cannot be reached just now: try again in a few seconds");
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
