package io.omnicase.process.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.http.Problems;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In Tasklist an agent claims a task of their queue for themselves only; claiming it in a colleague's name (which the
 * engine's TASK_WORK permission alone would allow) is a supervisor's or admin's, like any other hand-over. Likewise
 * only the task's holder completes it (complete, submit-form, resolve): the engine lets anyone with TASK_WORK complete
 * a task a colleague has claimed, which would go round the desk's rule that only a supervisor takes a claimed case over.
 */
@Configuration(proxyBeanMethods = false)
class TasklistClaims {

    private static final Pattern CLAIM = Pattern.compile("/camunda/api/engine/engine/[^/]+/task/[^/]+/claim/?");
    private static final Pattern COMPLETION = Pattern.compile(
            "/camunda/api/engine/engine/[^/]+/task/([^/]+)/(?:complete|submit-form|resolve)/?");
    private static final Set<String> MAY_HAND_OUT = Set.of("ROLE_SUPERVISOR", "ROLE_ADMIN");
    private static final int MAX_BODY = 16 * 1024;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> tasklistClaimsForOneself(ObjectMapper json, TaskService tasks) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (!"POST".equals(request.getMethod())) {
                    chain.doFilter(request, response);
                    return;
                }
                Matcher completion = COMPLETION.matcher(request.getRequestURI());
                if (completion.matches()) {
                    Task task = tasks.createTaskQuery().taskId(completion.group(1)).singleResult();
                    Authentication login = SecurityContextHolder.getContext().getAuthentication();
                    if (task != null && !mayHandOut(login) && (login == null || !login.getName().equals(task.getAssignee()))) {
                        Problems.write(response, HttpStatus.FORBIDDEN, task.getAssignee() == null
                                ? "Claim the task before you complete it"
                                : "Only the task's holder completes it; a supervisor takes a claimed task over", request.getRequestURI());
                        return;
                    }
                    chain.doFilter(request, response);
                    return;
                }
                if (!CLAIM.matcher(request.getRequestURI()).matches()) {
                    chain.doFilter(request, response);
                    return;
                }
                byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
                if (body.length > MAX_BODY) {
                    Problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "A claim is a small JSON object", request.getRequestURI());
                    return;
                }
                String claimant = claimant(json, body);
                Authentication login = SecurityContextHolder.getContext().getAuthentication();
                if (claimant != null && (login == null || !claimant.equals(login.getName())) && !mayHandOut(login)) {
                    Problems.write(response, HttpStatus.FORBIDDEN,
                            "You may claim a task for yourself only; a supervisor hands tasks to others", request.getRequestURI());
                    return;
                }
                chain.doFilter(new io.omnicase.http.BufferedBodyRequest(request, body), response);
            }
        });
        registration.addUrlPatterns("/camunda/api/engine/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 20);
        return registration;
    }

    private static boolean mayHandOut(Authentication login) {
        return login != null && login.getAuthorities().stream().anyMatch(a -> MAY_HAND_OUT.contains(a.getAuthority()));
    }

    private static String claimant(ObjectMapper json, byte[] body) {
        try {
            JsonNode claim = json.readTree(body);
            return claim != null && claim.hasNonNull("userId") ? claim.get("userId").asText() : null;
        } catch (IOException e) {
            return null; // not JSON: the engine's API answers it
        }
    }
}
