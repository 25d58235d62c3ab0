package io.omnicase.process.internal;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.util.Map;

/**
 * Camunda's webapps and REST API trust the user Spring Security has logged in: one Omnicase login opens Cockpit,
 * Tasklist and Admin, and {@code /engine-rest} runs with the caller's identity and Camunda authorizations.
 */
@Configuration(proxyBeanMethods = false)
class CamundaSignOn {

    private static final Map<String, String> CONTAINER_LOGIN =
            Map.of("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappSignOn() {
        return afterSpringSecurity(new ContainerBasedAuthenticationFilter(), "/camunda/*");
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> camundaRestSignOn() {
        return afterSpringSecurity(new ProcessEngineAuthenticationFilter(), "/engine-rest/*");
    }

    private static <F extends Filter> FilterRegistrationBean<F> afterSpringSecurity(F filter, String urlPattern) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setInitParameters(CONTAINER_LOGIN);
        registration.addUrlPatterns(urlPattern);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}
