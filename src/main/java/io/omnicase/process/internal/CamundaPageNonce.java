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
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cockpit, Tasklist and Admin load their scripts under a Content-Security-Policy with a nonce. Camunda 7 keeps the
 * nonce of the latest answer on the servlet context, where the policy header puts it and the index page reads it
 * back, so two pages opened at the same moment can get each other's nonce: the browser then refuses every script and
 * the page stays blank (a page walk with four users saw 3 of 16 loads blank). Here an index page's nonces are set to
 * the one its own header names.
 */
@Configuration(proxyBeanMethods = false)
class CamundaPageNonce {

    private static final Pattern HEADER_NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/=_-]+)'");
    private static final Pattern PAGE_NONCE = Pattern.compile("nonce=\"[^\"]*\"");
    private static final int MAX_PAGE = 256 * 1024;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> camundaPagesKeepTheirOwnNonce() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new PageNonce());
        registration.addUrlPatterns("/camunda/app/*");
        // Before Camunda's header filter, so that the policy header is on the response when the page is finished.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    private static final class PageNonce extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!"GET".equals(request.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            BodyCapture capture = new BodyCapture(response, r -> r.getContentType() != null
                    && r.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("text/html"), MAX_PAGE);
            chain.doFilter(request, capture);
            byte[] body = capture.body();
            if (body == null) {
                return;
            }
            String policy = response.getHeader("Content-Security-Policy");
            Matcher nonce = policy == null ? null : HEADER_NONCE.matcher(policy);
            if (nonce != null && nonce.find()) {
                body = PAGE_NONCE.matcher(new String(body, StandardCharsets.UTF_8))
                        .replaceAll(Matcher.quoteReplacement("nonce=\"" + nonce.group(1) + "\""))
                        .getBytes(StandardCharsets.UTF_8);
            }
            capture.send(body);
        }
    }
}
