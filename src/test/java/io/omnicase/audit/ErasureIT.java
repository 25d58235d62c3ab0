package io.omnicase.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.support.Api;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.PersonalDataTraces;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Erasure as the law asks for it: after an administrator erases a customer, no store Omnicase keeps (every text column
 * of every table in MariaDB, Camunda's runtime and history included; every index in Elasticsearch) holds their email
 * address, phone number or a phrase from their messages, and the audit chain still verifies with the erasure on it.
 * Retention does the same to a case closed long enough ago.
 */
@RunningOmnicase
class ErasureIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonalData personalData;

    @Value("${spring.elasticsearch.uris}")
    String elasticsearch;

    @Test
    void anErasedCustomerIsFoundInNoStoreAndTheChainStillVerifies() throws Exception {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String phrase = "my " + word + " parcel never arrived";
        String email = "erase-" + word + "@example.com";
        String phone = "+4915" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        long caseId = CustomerMessages.write(port, "EMAIL", email, "Hello, " + phrase + ". Please help.", null);
        long smsCase = CustomerMessages.write(port, "SMS", phone, "It is me again about the " + word + " parcel", null);
        long customer = caseOf(caseId).get("customerId").asLong();
        long phoneCustomer = caseOf(smsCase).get("customerId").asLong();
        assertThat(admin().postJson("/api/customers/" + customer + "/merge", Map.of("sourceId", phoneCustomer)).status())
                .isEqualTo(200);
        awaitTrace(caseId, "routing.decided");
        awaitTrace(smsCase, "routing.decided");
        // a person answers and resolves: the assistant learns the customer's question as an example
        assertThat(admin().postJson("/api/cases/" + caseId + "/replies", Map.of("text", "We are sending a new one.")).status())
                .isEqualTo(201);
        assertThat(admin().postJson("/api/cases/" + caseId + "/resolve",
                Map.of("resolution", "Resent the parcel", "topic", "OTHER")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(elasticsearchHits(word, "interactions")).isPositive();
            assertThat(elasticsearchHits(word, "knowledge")).isPositive();
            // the case's outcome quotes the customer's last message (kept, not searchable)
            assertThat(PersonalDataTraces.elasticsearchSourcesHolding(elasticsearch, word, List.of(caseId, smsCase))).isNotEmpty();
        });
        assertThat(mariaDbColumnsHolding(word)).isNotEmpty();
        assertThat(mariaDbColumnsHolding(email)).isNotEmpty();
        assertThat(mariaDbColumnsHolding(phone.substring(1))).isNotEmpty();
        awaitQuiet(caseId);

        // an auditor may not erase; an administrator may
        assertThat(Api.as(port, "auditor").postJson("/api/audit/customers/" + customer + "/erasure",
                Map.of("reason", "request 42")).status()).isEqualTo(403);
        Api.Response erased = admin().postJson("/api/audit/customers/" + customer + "/erasure",
                Map.of("reason", "erasure request 42 (Art. 17)"));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.json().get("cases").toString()).contains(Long.toString(caseId), Long.toString(smsCase));
        assertThat(erased.json().get("auditEntriesPseudonymised").asInt()).isPositive();

        // The support mailbox is cleaned after commit, from an event publication that holds the addresses until then.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String trace : List.of(email, phone.substring(1), word)) {
                assertThat(mariaDbColumnsHolding(trace)).as("MariaDB columns holding %s", trace).isEmpty();
                assertThat(elasticsearchHits(trace, "_all")).as("Elasticsearch documents holding %s", trace).isZero();
                assertThat(PersonalDataTraces.elasticsearchSourcesHolding(elasticsearch, trace, List.of(caseId, smsCase)))
                        .as("Elasticsearch documents of the erased cases keeping %s", trace).isEmpty();
            }
        });
        JsonNode verification = Api.as(port, "auditor").get("/api/audit/verification").json();
        assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
        JsonNode trace = Api.as(port, "auditor").get("/api/audit/customers/" + customer + "/trace").json();
        List<String> kinds = trace.get("entries").findValuesAsText("kind");
        assertThat(kinds).contains("message.in", "customers.merged", "customer.erased");
        for (JsonNode entry : trace.get("entries")) {
            if (!"customer.erased".equals(entry.get("kind").asText()) && !"case.read".equals(entry.get("kind").asText())) {
                assertThat(entry.get("pseudonymised").asBoolean()).as(entry.toString()).isTrue();
            }
        }
        JsonNode erasure = trace.get("entries").get(kinds.lastIndexOf("customer.erased"));
        assertThat(erasure.get("actor").asText()).isEqualTo("admin");
        assertThat(erasure.get("content").get("reason").asText()).isEqualTo("erasure request 42 (Art. 17)");
    }

    @Test
    void retentionErasesACaseClosedLongerAgoThanThePeriodAndTheChainStillVerifies() throws Exception {
        String word = "rt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        long caseId = CustomerMessages.write(port, "EMAIL",
                "keep-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "Old " + word + " question", null);
        awaitTrace(caseId, "routing.decided");
        awaitQuiet(caseId);
        // the case closed three years ago
        jdbc.sql("UPDATE cases SET status = 'CLOSED', closed_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now().minus(3 * 365, ChronoUnit.DAYS)), caseId).update();
        assertThat(personalData.applyRetention(Instant.now().minus(730, ChronoUnit.DAYS))).isPositive();
        assertThat(mariaDbColumnsHolding(word)).isEmpty();
        assertThat(elasticsearchHits(word, "_all")).isZero();
        List<String> kinds = Api.as(port, "auditor").get("/api/audit/cases/" + caseId + "/trace").json()
                .get("entries").findValuesAsText("kind");
        assertThat(kinds).contains("message.in", "case.anonymised");
        assertThat(Api.as(port, "auditor").get("/api/audit/verification").json().get("valid").asBoolean()).isTrue();
    }

    private Api admin() {
        return Api.as(port, "admin");
    }

    private JsonNode caseOf(long caseId) {
        return Api.as(port, "admin").get("/api/cases/" + caseId).json();
    }

    private void awaitTrace(long caseId, String kind) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Api.as(port, "auditor").get("/api/audit/cases/" + caseId + "/trace")
                .json().get("entries").findValuesAsText("kind").contains(kind));
    }

    /** Until no event about the case waits for delivery: nothing in flight puts erased data back afterwards. */
    private void awaitQuiet(long caseId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE "
                        + "COMPLETION_DATE IS NULL AND (SERIALIZED_EVENT LIKE ? OR SERIALIZED_EVENT LIKE ?)")
                .params("%\"caseId\":" + caseId + ",%", "%\"caseId\":" + caseId + "}%").query(Integer.class).single() == 0);
    }

    private List<String> mariaDbColumnsHolding(String text) {
        return PersonalDataTraces.mariaDbColumnsHolding(jdbc, text);
    }

    private long elasticsearchHits(String text, String index) throws Exception {
        return PersonalDataTraces.elasticsearchHits(elasticsearch, text, index);
    }
}
