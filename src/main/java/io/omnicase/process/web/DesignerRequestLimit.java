package io.omnicase.process.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.process.DeploymentProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounds the designer's request bodies before anything parses them: a model may be up to 2 MB (the deployment
 * policy's limit), so its JSON body may be larger than the API's general limit, but no more than this one. A body over
 * it is answered 400 as a refused model (with {@code problems}, like any other refusal) and never parsed. Runs after
 * Spring Security, so only designers and administrators get this far: the rest of an oversized body (up to a few
 * megabytes more) is read and dropped, so that the client, which is still sending, gets the answer rather than a reset
 * connection; a body declaring more than that is refused at once and the connection closed.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 1)
class DesignerRequestLimit extends OncePerRequestFilter {

    static final String PATH = "/api/designer/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxBytes;
    private final long maxDrainedBytes;

    DesignerRequestLimit(@Value("${omnicase.designer.max-request-bytes:4194304}") int maxBytes) {
        this.maxBytes = maxBytes;
        this.maxDrainedBytes = 4L * maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxDrainedBytes) {
            refuse(request, response);
            return;
        }
        InputStream in = request.getInputStream();
        byte[] body = read(in);
        if (body == null) {
            drain(in);
            refuse(request, response);
            return;
        }
        chain.doFilter(new io.omnicase.http.BufferedBodyRequest(request, body), response);
    }

    /** The body, or null when it is longer than the limit (reading stops there). */
    private byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > maxBytes) {
                return null;
            }
        }
        return out.toByteArray();
    }

    private void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[65536];
        long drained = maxBytes;
        int n;
        while (drained < maxDrainedBytes && (n = in.read(buffer)) >= 0) {
            drained += n;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String message = "the request is larger than " + maxBytes / 1024 + " KB (a model may have at most 2048 KB)";
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Model refused");
        problem.put("status", 400);
        problem.put("detail", "The model was refused, nothing was deployed: " + message);
        if (request.getRequestURI().length() <= 200) {
            problem.put("instance", request.getRequestURI());
        }
        problem.put("problems", List.of(new DeploymentProblem(null, message)));
        response.setStatus(400);
        response.setHeader("Connection", "close");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }
}
