package io.omnicase.security;

import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database finds "tëch" and "ｔｅｃｈ" when asked for tech (its collation ignores accents and width), and the login
 * throttle counted each spelling apart: unlimited guesses per account. Only the account's own name signs in, in any
 * case, which the throttle counts as one.
 */
@RunningOmnicase
class ExactNamesIT {

    @LocalServerPort
    int port;

    @Test
    void onlyTheAccountsOwnNameSignsIn() {
        for (String lookalike : List.of("tëch", "ｔｅｃｈ", "téch")) {
            assertThat(Api.as(port, lookalike).get("/api/me").status()).as(lookalike).isEqualTo(401);
        }
        Api.Response upper = Api.as(port, "TECH").get("/api/me");
        assertThat(upper.status()).isEqualTo(200);
        assertThat(upper.json().get("username").asText()).isEqualTo("tech");
    }
}
