package io.omnicase.cases;

import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a problem description naming the field; nothing is stored. */
@RunningOmnicase
class IntakeValidationIT {

    @LocalServerPort
    int port;

    @Test
    void aMissingFieldIsNamed() {
        Api.Response response = post("""
                {"channel":"EMAIL","from":"a@example.com","providerMessageId":"%s"}""".formatted(UUID.randomUUID()));

        assertProblem(response, 400, "text");
    }

    @Test
    void anUnknownChannelIsNamedWithTheChannelsThatExist() {
        Api.Response response = post("""
                {"channel":"PIGEON","from":"a@example.com","text":"hi","providerMessageId":"x"}""");

        assertProblem(response, 400, "channel");
        assertThat(response.json().get("detail").asText()).contains("EMAIL", "WHATSAPP");
    }

    @Test
    void anAddressThatDoesNotFitTheChannelIsRefused() {
        Api.Response response = post("""
                {"channel":"SMS","from":"not a phone","text":"hi","providerMessageId":"x"}""");

        assertProblem(response, 400, "from");
    }

    @Test
    void anOversizedTextIsRefused() {
        Api.Response response = Api.as(port, "gateway").postJson("/api/messages", Map.of("channel", "EMAIL",
                "from", "big@example.com", "text", "x".repeat(20_001), "providerMessageId", UUID.randomUUID().toString()));

        assertProblem(response, 400, "text");
    }

    @Test
    void aMalformedTimestampIsNamed() {
        Api.Response response = post("""
                {"channel":"EMAIL","from":"a@example.com","text":"hi","providerMessageId":"x","timestamp":"yesterday"}""");

        assertProblem(response, 400, "timestamp");
    }

    @Test
    void invalidJsonIsAProblemNotAStackTrace() {
        Api.Response response = post("{\"channel\": \"EMAIL\", ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("at com.fasterxml", "Exception");
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupportedMediaType() {
        Api.Response response = Api.as(port, "gateway").post("/api/messages", "text/plain", "hello");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anAnonymousCallerIsAskedToLogIn() {
        Api.Response response = Api.anonymous(port).postJson("/api/messages", Map.of("channel", "EMAIL"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void rolesOnlyReachWhatTheyMay() {
        assertThat(Api.as(port, "agent").postJson("/api/messages", Map.of("channel", "EMAIL")).status()).isEqualTo(403);
        assertThat(Api.as(port, "designer").get("/api/cases/1").status()).isEqualTo(403);
        assertThat(Api.as(port, "gateway").get("/api/cases/1").status()).isEqualTo(403);
        assertThat(Api.as(port, "auditor").postJson("/api/cases/1/replies", Map.of("text", "hi")).status()).isEqualTo(403);
        assertThat(Api.as(port, "auditor").get("/api/search?q=anything").status()).isEqualTo(200);
    }

    @Test
    void anUnknownCaseIsNotFound() {
        Api.Response response = Api.as(port, "agent").get("/api/cases/987654321");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aBadSearchDateIsNamed() {
        assertProblem(Api.as(port, "agent").get("/api/search?from=last-week"), 400, "from");
        assertProblem(Api.as(port, "agent").get("/api/search?channel=FAX"), 400, "channel");
    }

    private Api.Response post(String json) {
        return Api.as(port, "gateway").post("/api/messages", "application/json", json);
    }

    private static void assertProblem(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").findValuesAsText("field")).contains(field);
    }
}
