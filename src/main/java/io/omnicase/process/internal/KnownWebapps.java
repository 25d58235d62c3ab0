package io.omnicase.process.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Camunda's webapp filter serves {@code /camunda/app/<name>/} for any name and fails with a 500 when there is no such
 * app (a bookmark to a modeler, a typo). The four webapps that exist are let through; any other name is a 404.
 */
@Configuration(proxyBeanMethods = false)
class KnownWebapps {

    static final Set<String> APPS = Set.of("admin", "cockpit", "tasklist", "welcome");
    private static final Pattern APP = Pattern.compile("/camunda/app/([^/]+)(/.*)?");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> onlyCamundasOwnWebapps() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Matcher app = APP.matcher(request.getRequestURI());
                if (app.matches() && !APPS.contains(app.group(1))) {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND);
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/camunda/app/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        return registration;
    }
}
