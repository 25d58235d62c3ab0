package io.omnicase.cases;

import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import io.omnicase.support.TestServers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the database gone, a channel's message and an agent's read are answered 503 with a Retry-After (the client
 * or provider tries again; nothing was acknowledged), never a 500; when the database is back the app serves again
 * by itself, and the message sent again is taken once.
 */
@RunningOmnicase
class DatabaseOutageIT {

    @LocalServerPort
    int port;

    @Test
    void aDatabaseOutageIsAnswered503WithRetryAfterAndTheAppRecoversByItself() throws Exception {
        String from = CaseSpineIT.unique("db-outage") + "@example.com";
        String body = """
                {"channel":"EMAIL","from":"%s","text":"My parcel never arrived","providerMessageId":"%s"}
                """.formatted(from, "outage-" + from);
        Api signedIn = Api.as(port, "agent");
        assertThat(signedIn.get("/api/desk/queue?tab=queues").status()).isEqualTo(200);
        TestServers.stopMariaDb();
        try {
            // Signed in already (the session holds who it is): the read itself finds no database.
            Api.Response queue = signedIn.get("/api/desk/queue?tab=queues");
            assertThat(queue.status()).isEqualTo(503);
            assertThat(queue.contentType()).startsWith("application/problem+json");
            assertThat(queue.body()).doesNotContain("Exception");
            // A new client each time: the password is checked against the user store, which is down too.
            HttpResponse<String> intake = send("gateway", "/api/messages", body);
            assertUnavailable(intake);
            HttpResponse<String> read = send("agent", "/api/cases/1", null);
            assertUnavailable(read);
        } finally {
            TestServers.startMariaDb();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> send("gateway", "/api/messages", body).statusCode() == 202);
        // Sent again (the provider's retry): the same message, not a second one.
        HttpResponse<String> again = send("gateway", "/api/messages", body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Api.as(port, "agent").get("/api/cases/1").status()).isIn(200, 403);
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isPositive());
        assertThat(response.body()).contains("\"status\":503").doesNotContain("Exception", "at io.omnicase");
    }

    private HttpResponse<String> send(String user, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
