package io.omnicase.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a client reads when the domain says no: a case, customer or rule-set version that is not there is 404, a case or
 * customer in the wrong state is 409, each as problem details whose title and detail say what is wrong.
 */
@RunningOmnicase
class DomainProblemsIT {

    private static final long NO_SUCH_CASE = 987_654_321L;

    @LocalServerPort
    int port;

    @Test
    void theTimelineAndHandoverOfAnUnknownCaseAreNotFoundNamingTheCase() {
        for (String path : new String[]{"/timeline", "/handover"}) {
            Api.Response response = Api.as(port, "supervisor").get("/api/cases/" + NO_SUCH_CASE + path);

            assertProblem(response, 404, "Not found", "Case " + NO_SUCH_CASE + " does not exist");
        }
    }

    @Test
    void aReplyToAClosedCaseIsAConflictThatSaysWhy() {
        String address = "closed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        long caseId = message(address, "I want to speak to a real person").get("caseId").asLong();
        awaitStatus(caseId, "ESCALATED");
        assertThat(supervisor().postJson("/api/cases/" + caseId + "/resolve", Map.of("resolution", "Talked it through", "topic", "OTHER"))
                .status()).isEqualTo(200);
        assertThat(supervisor().post("/api/cases/" + caseId + "/close", "application/json", "").status()).isEqualTo(200);
        awaitStatus(caseId, "CLOSED");

        Api.Response reply = supervisor().postJson("/api/cases/" + caseId + "/replies", Map.of("text", "One more thing"));

        assertProblem(reply, 409, "Conflict",
                "Case " + caseId + " is closed; a reply cannot reach the customer from here");
    }

    @Test
    void activatingARuleSetVersionThatWasNeverStoredIsNotFound() {
        Api.Response response = supervisor().postJson("/api/routing/rules/versions/99999/activate",
                Map.of("reason", "roll back to nowhere"));

        assertProblem(response, 404, "Not found", "Rule set version 99999 does not exist");
    }

    @Test
    void mergingACustomerMergedBeforeIsAConflictNamingTheCustomer() {
        long target = customerOf(message("t-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "Hello"));
        long source = customerOf(message("s-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "Hello"));
        assertThat(supervisor().postJson("/api/customers/" + target + "/merge", Map.of("sourceId", source)).status())
                .isEqualTo(200);

        Api.Response again = supervisor().postJson("/api/customers/" + target + "/merge", Map.of("sourceId", source));

        assertProblem(again, 409, "Conflict",
                "Customer " + source + " does not exist or was merged into another customer");
    }

    private static void assertProblem(Api.Response response, int status, String title, String detail) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("title").asText()).isEqualTo(title);
        assertThat(response.json().get("detail").asText()).isEqualTo(detail);
    }

    private JsonNode message(String from, String text) {
        Api.Response response = Api.as(port, "gateway").postJson("/api/messages", Map.of("channel", "EMAIL", "from", from,
                "text", text, "providerMessageId", UUID.randomUUID().toString()));
        assertThat(response.status()).isEqualTo(202);
        return response.json();
    }

    private long customerOf(JsonNode accepted) {
        return supervisor().get("/api/cases/" + accepted.get("caseId").asLong()).json().get("customerId").asLong();
    }

    private void awaitStatus(long caseId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(supervisor().get("/api/cases/" + caseId).json().get("status").asText()).isEqualTo(status));
    }

    private Api supervisor() {
        return Api.as(port, "supervisor");
    }
}
