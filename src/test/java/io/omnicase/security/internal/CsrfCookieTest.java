package io.omnicase.security.internal;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSRF cookie goes over TLS only when the session cookie does (production). */
class CsrfCookieTest {

    @Test
    void inProductionTheCsrfCookieIsSecureEvenWhenTheProxySpeaksPlainHttpToTheApp() {
        assertThat(cookie(SecurityConfiguration.csrfTokens(true)).getSecure()).isTrue();
    }

    @Test
    void inTheDefaultRunOnPlainHttpItIsNot() {
        Cookie cookie = cookie(SecurityConfiguration.csrfTokens(false));
        assertThat(cookie.getSecure()).isFalse();
        assertThat(cookie.isHttpOnly()).as("the pages' scripts read it").isFalse();
    }

    private static Cookie cookie(CookieCsrfTokenRepository tokens) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        MockHttpServletResponse response = new MockHttpServletResponse();
        tokens.saveToken(tokens.generateToken(request), request, response);
        return response.getCookie("XSRF-TOKEN");
    }
}
