package io.omnicase.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;

/**
 * Spring Boot's actuator answers a health group or component that does not exist ({@code /actuator/health/liveness}
 * where probes are off, a typo) with a bare 404 and no body; every other answer of the product to a request it
 * cannot serve is a problem description. An actuator answer of 400 or more without a body gets one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ActuatorProblems extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, cached);
        HttpStatus status = HttpStatus.resolve(cached.getStatus());
        if (status != null && status.isError() && cached.getContentSize() == 0 && !response.isCommitted()) {
            cached.resetBuffer();
            Problems.write(response, status, status == HttpStatus.NOT_FOUND
                    ? "There is no such actuator endpoint or health component" : status.getReasonPhrase(),
                    request.getRequestURI());
            return;
        }
        cached.copyBodyToResponse();
    }
}
