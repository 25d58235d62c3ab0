package io.omnicase.security.internal;

import io.omnicase.http.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests Spring Security's firewall refuses (an encoded slash or dot, {@code ../}, a NUL, {@code ;jsessionid=} in
 * the path) are answered 400 with a problem description that says no more than that.
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequests {

    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            if (!response.isCommitted()) {
                Problems.write(response, HttpStatus.BAD_REQUEST,
                        "The request address is malformed or not allowed and was refused", null);
            }
        };
    }
}
