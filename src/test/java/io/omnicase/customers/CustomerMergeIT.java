package io.omnicase.customers;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** An agent merges two customers found to be one person; identities and cases move and an auditor can trace it. */
@RunningOmnicase
class CustomerMergeIT {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager tx;

    @Test
    void mergingMovesIdentitiesAndCasesAndIsRecordedForAuditors() {
        String email = "merge-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String phone = "+4916" + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
        JsonNode byMail = message("EMAIL", email, "My invoice is wrong");
        JsonNode bySms = message("SMS", phone, "Calling about the invoice");
        long target = customerOf(byMail.get("caseId").asLong());
        long source = customerOf(bySms.get("caseId").asLong());
        assertThat(source).isNotEqualTo(target);

        Api.Response merged = Api.as(port, "agent").postJson("/api/customers/" + target + "/merge", Map.of("sourceId", source));

        assertThat(merged.status()).isEqualTo(200);
        assertThat(merged.json().get("caseIds").get(0).asLong()).isEqualTo(bySms.get("caseId").asLong());
        assertThat(merged.json().get("identities").get(0).get("address").asText()).isEqualTo(phone);
        JsonNode customer = Api.as(port, "agent").get("/api/customers/" + target).json();
        List<String> addresses = new ArrayList<>();
        customer.get("identities").forEach(i -> addresses.add(i.get("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrder(email, phone);
        List<Long> cases = new ArrayList<>();
        customer.get("cases").forEach(c -> cases.add(c.get("id").asLong()));
        assertThat(cases).contains(byMail.get("caseId").asLong(), bySms.get("caseId").asLong());
        JsonNode timeline = Api.as(port, "auditor").get("/api/cases/" + bySms.get("caseId").asLong() + "/timeline").json();
        assertThat(timeline.get(timeline.size() - 1).get("text").asText())
                .isEqualTo("Customer " + source + " merged into customer " + target + " by Alex Agent");

        JsonNode merges = Api.as(port, "auditor").get("/api/customers/" + target + "/merges").json();
        assertThat(merges).hasSize(1);
        assertThat(merges.get(0).get("mergedBy").asText()).isEqualTo("agent");
        assertThat(merges.get(0).get("source").get("value").asLong()).isEqualTo(source);
        assertThat(merges.get(0).get("identities").get(0).get("address").asText()).isEqualTo(phone);
        assertThat(merges.get(0).get("caseIds").get(0).asLong()).isEqualTo(bySms.get("caseId").asLong());

        // The phone now belongs to the merged customer: the next SMS finds them.
        JsonNode next = message("SMS", phone, "Any news?");
        assertThat(customerOf(next.get("caseId").asLong())).isEqualTo(target);
    }

    @Test
    void aMergeIsRefusedForTheWrongRoleTheSameCustomerAnUnknownOneOrOneMergedBefore() {
        long a = customerOf(message("EMAIL", "m-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "Hi").get("caseId").asLong());
        long b = customerOf(message("EMAIL", "m-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "Hi").get("caseId").asLong());

        assertThat(Api.as(port, "auditor").postJson("/api/customers/" + a + "/merge", Map.of("sourceId", b)).status()).isEqualTo(403);
        assertThat(Api.as(port, "agent").postJson("/api/customers/" + a + "/merge", Map.of("sourceId", a)).status()).isEqualTo(400);
        assertThat(Api.as(port, "agent").postJson("/api/customers/" + a + "/merge", Map.of()).status()).isEqualTo(400);
        assertThat(Api.as(port, "agent").postJson("/api/customers/" + a + "/merge", Map.of("sourceId", 987_654_321)).status()).isEqualTo(404);
        assertThat(Api.as(port, "supervisor").postJson("/api/customers/" + a + "/merge", Map.of("sourceId", b)).status()).isEqualTo(200);
        Api.Response again = Api.as(port, "supervisor").postJson("/api/customers/" + a + "/merge", Map.of("sourceId", b));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    /**
     * A customer without cases (a chat visitor who verified an address before writing) is no agent's to merge: "every
     * case of the source is yours" held for none, so an agent took any such customer's addresses by trying ids, and
     * their next chat landed on the agent's case. The answer names no address; nothing moves.
     */
    @Test
    void anAgentCannotMergeACustomerWithoutCasesButASupervisorCan() {
        String address = "caseless-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        long caseless = new org.springframework.transaction.support.TransactionTemplate(tx)
                .execute(status -> customers.resolve(Channel.EMAIL, address, null)).value();
        long agents = customerOf(message("EMAIL", "m-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "Hi").get("caseId").asLong());

        Api.Response refused = Api.as(port, "agent").postJson("/api/customers/" + agents + "/merge", Map.of("sourceId", caseless));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain(address);
        assertThat(Api.as(port, "auditor").get("/api/customers/" + caseless).json().get("identities").get(0).get("address").asText())
                .isEqualTo(address);
        assertThat(Api.as(port, "supervisor").postJson("/api/customers/" + agents + "/merge", Map.of("sourceId", caseless))
                .status()).isEqualTo(200);
    }

    private JsonNode message(String channel, String from, String text) {
        Api.Response response = Api.as(port, "gateway").postJson("/api/messages", Map.of("channel", channel, "from", from,
                "text", text, "providerMessageId", UUID.randomUUID().toString()));
        assertThat(response.status()).isEqualTo(202);
        return response.json();
    }

    private long customerOf(long caseId) {
        return Api.as(port, "agent").getOnceRouted("/api/cases/" + caseId).json().get("customerId").asLong();
    }
}
