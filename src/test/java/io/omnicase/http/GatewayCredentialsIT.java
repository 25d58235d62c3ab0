package io.omnicase.http;

import io.omnicase.security.Role;
import io.omnicase.security.UserAccount;
import io.omnicase.security.UserAccounts;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A channel gateway signs in with HTTP Basic on every request, without a session: its verified password is remembered
 * briefly (so BCrypt does not run on every message), and yet a changed password, a disabled account, changed roles
 * and a guesser are all answered at once, as without the cache.
 */
@RunningOmnicase
class GatewayCredentialsIT {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aChangedPasswordIsRefusedAtTheNextRequestAndTheNewOneWorks() {
        String gateway = newGateway("first secret");
        assertThat(post("127.0.0.51", gateway, "first secret").status()).isEqualTo(202);
        assertThat(post("127.0.0.51", gateway, "first secret").status()).as("again, remembered").isEqualTo(202);

        users.save(new UserAccount(gateway, "Gateway", Set.of(Role.CHANNEL), Set.of()), "second secret");

        assertThat(post("127.0.0.51", gateway, "first secret").status()).isEqualTo(401);
        assertThat(post("127.0.0.51", gateway, "second secret").status()).isEqualTo(202);
    }

    @Test
    void aDisabledGatewayIsRefusedAtTheNextRequest() {
        String gateway = newGateway("secret");
        assertThat(post("127.0.0.52", gateway, "secret").status()).isEqualTo(202);

        jdbc.sql("UPDATE users SET enabled = FALSE WHERE username = ?").param(gateway).update();

        assertThat(post("127.0.0.52", gateway, "secret").status()).isEqualTo(401);
    }

    @Test
    void aGatewayWhoseRoleWasTakenAwayIsForbiddenAtTheNextRequest() {
        String gateway = newGateway("secret");
        assertThat(post("127.0.0.53", gateway, "secret").status()).isEqualTo(202);

        users.save(new UserAccount(gateway, "Gateway", Set.of(Role.AGENT), Set.of()), "secret");
        assertThat(post("127.0.0.53", gateway, "secret").status()).as("the password changed too: BCrypt again").isEqualTo(403);
        jdbc.sql("UPDATE users SET roles = 'AUDITOR' WHERE username = ?").param(gateway).update();

        assertThat(post("127.0.0.53", gateway, "secret").status()).as("roles alone changed").isEqualTo(403);
    }

    @Test
    void wrongPasswordsAreRefusedAndThrottledWhileTheRightOneIsRemembered() {
        String gateway = newGateway("secret");
        String from = "127.0.0.54";
        assertThat(post(from, gateway, "secret").status()).isEqualTo(202);

        for (int i = 0; i < 5; i++) {
            assertThat(post(from, gateway, "secret" + i).status()).isEqualTo(401);
        }

        RawHttp.Reply throttled = post(from, gateway, "secret");
        assertThat(throttled.status()).as("the right password too, from the guesser's address").isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
        assertThat(post("127.0.0.55", gateway, "secret").status()).as("the gateway itself, elsewhere").isEqualTo(202);
    }

    private String newGateway(String password) {
        String name = "gw-" + UUID.randomUUID().toString().substring(0, 8);
        users.save(new UserAccount(name, "Gateway", Set.of(Role.CHANNEL), Set.of()), password);
        return name;
    }

    /** One message, sent as a gateway does: HTTP Basic, no cookie, from the given loopback address. */
    private RawHttp.Reply post(String from, String user, String password) {
        byte[] body = """
                {"channel":"EMAIL","from":"gateway-test@example.com","text":"Where is my parcel?","providerMessageId":"gw-%s"}"""
                .formatted(UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        return RawHttp.exchange(port, from, "POST /api/messages HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)), body);
    }
}
