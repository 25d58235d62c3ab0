package io.omnicase.cases;

import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a problem description naming the field; nothing is stored. */
@RunningOmnicase
class IntakeValidationIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

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
    void aMisspelledFieldIsNamedAndNothingIsStored() {
        String id = UUID.randomUUID().toString();
        Api.Response response = post("""
                {"channel":"EMAIL","from":"a@example.com","text":"hi","providerMessageId":"%s","sentAt":"2026-12-01T10:00:00Z"}"""
                .formatted(id));

        assertProblem(response, 400, "sentAt");
        assertThat(response.json().get("detail").asText()).isEqualTo("sentAt: is not a known field");
        assertNothingStored(id);
    }

    @Test
    void aTimestampOutsideTheTimesAMessageCanHaveBeenSentIsNamedAndNothingIsStored() {
        List<Object> implausible = List.of("1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2039-01-01T00:00:00Z",
                "+100000-01-01T00:00:00Z", "-5000-01-01T00:00:00Z", Instant.now().plus(Duration.ofDays(2)).toString(),
                1_000_000_000_000_000L, -1);
        for (Object timestamp : implausible) {
            String id = UUID.randomUUID().toString();
            Map<String, Object> message = message("EMAIL", "when-" + id.substring(0, 8) + "@example.com", id);
            message.put("timestamp", timestamp);

            Api.Response response = Api.as(port, "gateway").postJson("/api/messages", message);

            assertProblem(response, 400, "timestamp");
            assertNothingStored(id);
        }
        String id = UUID.randomUUID().toString();
        Map<String, Object> plausible = message("EMAIL", "when-" + id.substring(0, 8) + "@example.com", id);
        plausible.put("timestamp", "2001-02-03T04:05:06Z");
        assertThat(Api.as(port, "gateway").postJson("/api/messages", plausible).status()).isEqualTo(202);
    }

    @Test
    void anEmailAddressThatIsNoPlainMailboxIsRefusedAndMakesNoIdentity() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        List<String> hostile = List.of("<script>" + unique + "@x.com", unique + "@[127.0.0.1]", unique + "@127.0.0.1",
                "\"" + unique + " x\"@example.com", unique + " x@example.com", unique + "\u0000@example.com",
                unique + "@localhost", unique + "@" + "d".repeat(190) + ".example.com",
                unique + "@" + ("d".repeat(60) + ".").repeat(4) + "com", unique + "@" + ("d".repeat(50) + ".").repeat(5) + "com",
                ("a".repeat(60) + ".").repeat(4) + unique + "@example.com");
        for (String address : hostile) {
            String id = UUID.randomUUID().toString();

            Api.Response response = Api.as(port, "gateway").postJson("/api/messages", message("EMAIL", address, id));

            assertProblem(response, 400, "from");
            assertNothingStored(id);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_identities WHERE address LIKE ?").param("%" + unique + "%")
                .query(Integer.class).single()).as("no identity of a refused address").isZero();
    }

    @Test
    void theLongestAddressSmtpCarriesIsStoredAndItsDefaultNameFitsTheColumn() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String address = "x".repeat(64 - unique.length()) + unique + "@" + ("d".repeat(62) + ".").repeat(2) + "d".repeat(55) + ".example";
        assertThat(address).hasSize(254);
        String id = UUID.randomUUID().toString();

        Api.Response response = Api.as(port, "gateway").postJson("/api/messages", message("EMAIL", address, id));

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        String name = jdbc.sql("SELECT c.display_name FROM customers c JOIN customer_identities i ON i.customer_id = c.id "
                + "WHERE i.address = ?").param(address).query(String.class).single();
        assertThat(address).startsWith(name);
        assertThat(name).hasSize(200);
    }

    @Test
    void aPhoneNumberLongerThanE164IsRefused() {
        String id = UUID.randomUUID().toString();

        assertProblem(Api.as(port, "gateway").postJson("/api/messages", message("SMS", "+49 1512 3456 7890 12", id)), 400, "from");
        assertNothingStored(id);
    }

    @Test
    void controlCharactersInIdentityFieldsAndNamesAreRefusedAndNamesHaveALimit() {
        Map<String, Object[]> hostile = Map.of(
                "displayName", new Object[]{"Eve\u0000Admin", "Eve\nAdmin", "n".repeat(201)},
                "providerMessageId", new Object[]{"id\u0000" + UUID.randomUUID()},
                "threadRef", new Object[]{"thread\u0000x", "t".repeat(256)},
                "subject", new Object[]{"Hi\u0000there", "s".repeat(301)},
                "text", new Object[]{"hello\u0000world", "\u0000\u0001", "bell\u0007"});
        hostile.forEach((field, values) -> {
            for (Object value : values) {
                String id = UUID.randomUUID().toString();
                Map<String, Object> message = message("EMAIL", "ctl-" + id.substring(0, 8) + "@example.com", id);
                message.put(field, value);

                Api.Response response = Api.as(port, "gateway").postJson("/api/messages", message);

                assertProblem(response, 400, field);
                assertNothingStored(id);
            }
        });
        String id = UUID.randomUUID().toString();
        Map<String, Object> lines = message("EMAIL", "ctl-" + id.substring(0, 8) + "@example.com", id);
        lines.put("text", "line one\r\n\tline two");
        assertThat(Api.as(port, "gateway").postJson("/api/messages", lines).status()).as("line breaks and tabs are text")
                .isEqualTo(202);
    }

    @Test
    void aCustomerCannotTakeAStaffMembersNameAndIsShownByAddressInstead() {
        Map<String, String> stored = new HashMap<>();
        for (String name : List.of("Sara Supervisor", "\u0405\u0430r\u0430 \u0405u\u0440\u0435rv\u0456\u0455\u043er",
                "ＳＡＭ  ＳＥＮＩＯＲ", "Sam Sen\u200Bior (team lead)", "senior", "Support", "Jonas Weber",
                "S\u1d00\u0280\u1d00 S\u1d1c\u1d18\u1d07\u0280\u1d20\u026as\u1d0f\u0280", "Sara Superv1sor", "Omnicase Support",
                "Systemhaus GmbH",
                "\u202ErosivrepuS araS\u202C")) {
            String id = UUID.randomUUID().toString();
            String address = "staffname-" + id.substring(0, 8) + "@example.com";
            Map<String, Object> message = message("EMAIL", address, id);
            message.put("displayName", name);

            Api.Response response = Api.as(port, "gateway").postJson("/api/messages", message);

            assertThat(response.status()).as(response.toString()).isEqualTo(202);
            String caseId = response.json().get("caseId").asText();
            String shown = Api.as(port, "supervisor").get("/api/cases/" + caseId).json().get("customerName").asText();
            stored.put(name, shown.equals(address) ? "(address)" : shown);
        }

        assertThat(stored).containsEntry("Sara Supervisor", "(address)")
                .as("Cyrillic look-alikes").containsEntry("\u0405\u0430r\u0430 \u0405u\u0440\u0435rv\u0456\u0455\u043er", "(address)")
                .as("full-width capitals").containsEntry("ＳＡＭ  ＳＥＮＩＯＲ", "(address)")
                .as("a zero-width space and a title").containsEntry("Sam Sen\u200Bior (team lead)", "(address)")
                .as("a login").containsEntry("senior", "(address)")
                .as("the product's voice").containsEntry("Support", "(address)")
                .as("a customer's own name").containsEntry("Jonas Weber", "Jonas Weber")
                .as("small capitals").containsEntry("S\u1d00\u0280\u1d00 S\u1d1c\u1d18\u1d07\u0280\u1d20\u026as\u1d0f\u0280", "(address)")
                .as("a digit for a letter").containsEntry("Sara Superv1sor", "(address)")
                .as("the product's word in a longer name").containsEntry("Omnicase Support", "(address)")
                .as("a company whose name starts like a product word").containsEntry("Systemhaus GmbH", "Systemhaus GmbH")
                .as("bidi controls dropped: the name reads as written").containsEntry("\u202ErosivrepuS araS\u202C", "rosivrepuS araS");
    }

    @Test
    void halfASurrogatePairIsStoredAsAReplacementCharacterNotAServerError() {
        String id = UUID.randomUUID().toString();

        Api.Response response = post("""
                {"channel":"EMAIL","from":"half-%s@example.com","text":"broken \\ud800 pair","providerMessageId":"%s"}"""
                .formatted(id.substring(0, 8), id));

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        assertThat(jdbc.sql("SELECT body FROM interactions WHERE provider_message_id = ?").param(id).query(String.class)
                .single()).isEqualTo("broken \uFFFD pair");
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
        // A date the database and the index cannot hold is the caller's mistake, not an outage.
        assertProblem(Api.as(port, "agent").get("/api/search?to=-1000000000-01-01T00:00:00Z"), 400, "to");
        assertProblem(Api.as(port, "supervisor").get("/api/insight/coaching?from=-1000000000-01-01T00:00:00Z"), 400, "from");
        assertProblem(Api.as(port, "supervisor").get("/api/insight/quality?from=%2B10000-01-01T00:00:00Z"), 400, "from");
    }

    private static Map<String, Object> message(String channel, String from, String providerMessageId) {
        Map<String, Object> message = new HashMap<>();
        message.put("channel", channel);
        message.put("from", from);
        message.put("text", "hello");
        message.put("providerMessageId", providerMessageId);
        return message;
    }

    /** The canary: the message the refused request carried was not stored. */
    private void assertNothingStored(String providerMessageId) {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM interactions WHERE provider_message_id = ?").param(providerMessageId)
                .query(Integer.class).single()).as("stored " + providerMessageId).isZero();
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
