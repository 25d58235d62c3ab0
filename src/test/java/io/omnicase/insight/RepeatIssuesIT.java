package io.omnicase.insight;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.support.Api;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Repeat issues through the real intake, process, history index and routing rules: a customer writing about the same
 * billing problem on SMS and WhatsApp (one customer: the same phone number), in separate cases.
 */
@RunningOmnicase
class RepeatIssuesIT {

    private static final String RULE = "A third billing complaint in 90 days goes to the senior queue";

    @LocalServerPort
    int port;

    @Test
    void theThirdBillingComplaintIn90DaysLandsInTheSeniorQueueAndTheSecondDoesNot() {
        String phone = phone();
        String plan = plan();
        long first = escalatedThenClosed("SMS", phone, "My " + plan + " subscription was charged twice this month");
        long second = escalated("WHATSAPP", phone, "I see the " + plan + " subscription charged twice on my card again");
        awaitEarlier(second, first);
        assertThat(decisionOf(second)).doesNotContain(RULE);
        close(second);

        long third = escalated("SMS", phone, "Charged twice for the " + plan + " subscription for the third time now");

        assertThat(third).isNotIn(first, second);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(supervisor().get("/api/cases/" + third).json().get("queue").asText()).isEqualTo("senior"));
        assertThat(decisionOf(third)).contains(RULE);
        JsonNode repeats = supervisor().get("/api/cases/" + third + "/repeats").json();
        assertThat(repeats.get("repeatCount").asInt()).isEqualTo(3);
        assertThat(ids(repeats)).containsExactly(second, first);
    }

    @Test
    void theDeskSeesEarlierCasesAboutTheSameIssueAcrossChannelsOnlyWhereItMayReadTheCase() {
        String phone = phone();
        String plan = plan();
        long first = escalatedThenClosed("SMS", phone, "I was charged twice for the " + plan + " subscription");
        long second = escalated("WHATSAPP", phone, "Again two charges for my " + plan + " subscription, charged twice");

        JsonNode repeats = awaitEarlier(second, first);

        JsonNode earlier = repeats.get("earlier").get(0);
        assertThat(repeats.get("topic").asText()).isEqualTo("BILLING");
        assertThat(repeats.get("repeatCount").asInt()).isEqualTo(2);
        assertThat(earlier.get("channel").asText()).isEqualTo("SMS");
        assertThat(earlier.get("outcome").asText()).isEqualTo("RESOLVED");
        assertThat(earlier.get("readable").asBoolean()).isTrue();
        assertThat(earlier.get("excerpt").asText()).contains(plan);
        // The agent works the billing queue; tech works technical only: the case and its repeats are not theirs.
        assertThat(Api.as(port, "agent").get("/api/cases/" + second + "/repeats").status()).isEqualTo(200);
        Api.Response denied = Api.as(port, "tech").get("/api/cases/" + second + "/repeats");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.contentType()).startsWith("application/problem+json");
        assertThat(denied.body()).doesNotContain(plan);
        Api.Response unknown = Api.as(port, "agent").get("/api/cases/999999999/repeats");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        // A case about another issue of the same customer is no repeat.
        close(second);
        long other = escalated("SMS", phone, "I want to speak to a real person about my delivery address");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(supervisor().get("/api/cases/" + other + "/repeats").status()).isEqualTo(200));
        assertThat(ids(supervisor().get("/api/cases/" + other + "/repeats").json())).isEmpty();
    }

    @Test
    void aRewordingWithNoTellingWordInCommonIsTheSameIssueByMeaning() {
        String phone = phone();
        // The plan's made-up name keeps the assistant from answering the first message itself (it escalates).
        long first = escalatedThenClosed("SMS", phone, "I was charged twice for my " + plan() + " subscription this month");
        // Not one word of the first beyond common ones: only the stored sentence embeddings can tell it is the same.
        long second = routed("WHATSAPP", phone, "Two payments were taken from my card for the same invoice");

        JsonNode repeats = awaitEarlier(second, first);

        assertThat(repeats.get("repeatCount").asInt()).isEqualTo(2);
        assertThat(repeats.get("earlier").get(0).get("channel").asText()).isEqualTo("SMS");
    }

    @Test
    void aRewordingThatRoutingFilesUnderAnotherTopicIsStillTheSameIssue() {
        String phone = phone();
        // "login" makes routing call the first TECHNICAL, "account" the second ACCOUNT: the same request all the same.
        String first = "Please put my new login email on file, the old one is gone";
        String second = "I need to change the email address of my account";
        assertThat(io.omnicase.routing.MessageFacts.topicOf(first)).isNotEqualTo(io.omnicase.routing.MessageFacts.topicOf(second));
        long earlier = routed("SMS", phone, first);
        close(earlier);

        long later = routed("WHATSAPP", phone, second);

        JsonNode repeats = awaitEarlier(later, earlier);
        assertThat(repeats.get("repeatCount").asInt()).isEqualTo(2);
        assertThat(repeats.get("earlier").get(0).get("channel").asText()).isEqualTo("SMS");
    }

    /** A case the process has routed, to a person or to the assistant. */
    private long routed(String channel, String from, String text) {
        long caseId = CustomerMessages.write(port, channel, from, text, null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(supervisor().get("/api/cases/" + caseId)
                .json().get("status").asText()).isIn("ESCALATED", "SELF_SERVICE"));
        return caseId;
    }

    private JsonNode awaitEarlier(long caseId, long earlier) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Api.Response response = supervisor().get("/api/cases/" + caseId + "/repeats");
            assertThat(response.status()).isEqualTo(200);
            found[0] = response.json();
            assertThat(ids(found[0])).contains(earlier);
        });
        return found[0];
    }

    private static List<Long> ids(JsonNode repeats) {
        List<Long> ids = new ArrayList<>();
        repeats.get("earlier").forEach(e -> ids.add(e.get("caseId").asLong()));
        return ids;
    }

    private long escalatedThenClosed(String channel, String from, String text) {
        long caseId = escalated(channel, from, text);
        close(caseId);
        return caseId;
    }

    private long escalated(String channel, String from, String text) {
        long caseId = CustomerMessages.write(port, channel, from, text, null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(supervisor().get("/api/cases/" + caseId).json().get("status").asText()).isEqualTo("ESCALATED"));
        return caseId;
    }

    /** Resolves the case and closes it (only a resolved case can be closed), so the customer's next message opens a new one. */
    private void close(long caseId) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(supervisor().postJson(
                "/api/cases/" + caseId + "/resolve", java.util.Map.of("resolution", "Refunded", "topic", "BILLING"))
                .status()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(supervisor().postJson("/api/cases/" + caseId + "/close", java.util.Map.of()).status()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(supervisor().get("/api/cases/" + caseId).json().get("status").asText()).isEqualTo("CLOSED"));
    }

    private String decisionOf(long caseId) {
        StringBuilder decisions = new StringBuilder();
        for (JsonNode entry : supervisor().get("/api/cases/" + caseId + "/timeline").json()) {
            if ("DECISION".equals(entry.get("kind").asText())) {
                decisions.append(entry.get("text").asText()).append('\n');
            }
        }
        return decisions.toString();
    }

    private Api supervisor() {
        return Api.as(port, "supervisor");
    }

    private static String phone() {
        return "+4915" + (10_000_000 + (int) (Math.random() * 89_999_999));
    }

    /** A plan name of this test run, so that no other test's messages are about the same issue. */
    private static String plan() {
        return "Zorbplan" + UUID.randomUUID().toString().substring(0, 6);
    }
}
