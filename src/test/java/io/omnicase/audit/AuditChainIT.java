package io.omnicase.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.audit.internal.Canonical;
import io.omnicase.support.Api;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit trail as an auditor relies on it: what happens to a case lands on the chain with the why of each decision,
 * the chain verifies, and any change, removal or reordering of a row made behind the application's back in SQL is
 * named, as is a rewrite of the whole tail (head included), by the checkpoints kept outside the database. Every
 * tampering is undone before the test ends: the chain is shared by every test of the suite.
 */
@RunningOmnicase
class AuditChainIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager tx;

    private long caseId;
    private String phrase;

    @BeforeEach
    void aCustomerWrites() {
        phrase = "audit-" + UUID.randomUUID() + " my invoice was charged twice";
        caseId = CustomerMessages.write(port, "EMAIL", "audit-" + UUID.randomUUID() + "@example.com", phrase, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> kinds(trace()).contains("routing.decided"));
    }

    @Test
    void aCasesTraceShowsEachDecisionWithItsFactsRulesAndRuleTextAndTheProcessVersion() {
        await().atMost(Duration.ofSeconds(30)).until(() -> kinds(trace()).contains("process.started"));
        JsonNode trace = trace();
        List<String> kinds = kinds(trace);
        assertThat(kinds).contains("case.opened", "message.in", "routing.decided", "process.started");
        JsonNode message = entry(trace, "message.in");
        assertThat(message.get("content").get("text").asText()).isEqualTo(phrase);
        assertThat(message.get("actor").asText()).isEqualTo("customer");
        JsonNode decision = entry(trace, "routing.decided").get("content");
        assertThat(decision.get("rulesFired")).isNotEmpty();
        assertThat(decision.get("facts").get("message").toString()).contains("invoice");
        String version = decision.get("ruleSetVersion").asText();
        assertThat(trace.get("ruleSets").get(version).get("drl").asText()).contains("rule ");
        assertThat(entry(trace, "process.started").get("content").get("processVersion").asInt()).isPositive();
        // the auditor's own read of the trace is on the chain too
        await().atMost(Duration.ofSeconds(10)).until(() -> trace().get("entries").findValuesAsText("actor").contains("auditor"));
        // entries come in chain order
        List<Long> seqs = trace.get("entries").findValues("seq").stream().map(JsonNode::asLong).toList();
        assertThat(seqs).isSorted();
        assertThat(verification().get("valid").asBoolean()).isTrue();
    }

    /** A phone number as a customer gives it on the phone ("0151 …") finds the customer stored as +49 151 …. */
    @Test
    void anAuditorFindsACustomerByPhoneNumberWrittenInternationallyOrAsInTheirCountry() {
        String digits = String.valueOf(10_000_000 + new java.util.Random().nextInt(89_999_999));
        long theirCase = CustomerMessages.write(port, "SMS", "+49151" + digits, "My bill is wrong", null);
        for (String query : List.of("+49151" + digits, "+49 151 " + digits, "0151 " + digits, "0151-" + digits, "0151" + digits)) {
            JsonNode found = Api.as(port, "auditor").get("/api/audit/find?q="
                    + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8)).json();
            assertThat(found.get("customers").findValuesAsText("name")).as(query).containsExactly("+49151" + digits);
        }
        JsonNode other = Api.as(port, "auditor").get("/api/audit/find?q=0152" + digits).json();
        assertThat(other.get("customers")).as("another number").isEmpty();
        assertThat(theirCase).isPositive();
    }

    /** Opening a case reads it through several requests at once: one look is one "case read" entry per user. */
    @Test
    void oneLookAtACaseIsOneReadEntryPerUserWhateverRequestsItTook() {
        Api supervisor = Api.as(port, "supervisor");
        for (String part : List.of("", "/timeline", "/handover", "/repeats", "", "/timeline")) {
            assertThat(supervisor.get("/api/cases/" + caseId + part).status()).as(part).isEqualTo(200);
        }
        assertThat(Api.as(port, "admin").get("/api/cases/" + caseId).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> reads("admin") == 1);
        assertThat(reads("supervisor")).isEqualTo(1);
    }

    /**
     * Search shows whole messages and their senders: each case it shows is read, and the trail says so (before, a
     * supervisor read any conversation through search without a trace).
     */
    @Test
    void aCaseShownBySearchIsReadOnTheTrail() {
        Api supervisor = Api.as(port, "supervisor");
        String word = phrase.substring(0, phrase.indexOf(' '));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                supervisor.get("/api/search?q=%22" + word + "%22").json().path("total").asLong() == 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> reads("supervisor") == 1);
        assertThat(jdbc.sql("SELECT content FROM audit_entries WHERE kind = 'case.read' AND case_id = ? AND actor = ?")
                .params(caseId, "supervisor").query(String.class).single().replace(" ", "")).contains("\"via\":\"search\"");
    }

    private long reads(String actor) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entries WHERE kind = 'case.read' AND case_id = ? AND actor = ?")
                .params(caseId, actor).query(Long.class).single();
    }

    @Test
    void theTracePdfListsEveryEntryWithItsHashesAndTheChainProof() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> kinds(trace()).contains("process.started"));
        JsonNode trace = trace();
        java.net.http.HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/audit/cases/"
                                + caseId + "/trace.pdf"))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("auditor:demo".getBytes()))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElse("")).contains("case-" + caseId + "-audit-trace.pdf");
        String text;
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
        }
        // Line breaks fall where the page ends a line: compare without white space.
        String flat = text.replaceAll("\\s", "");
        assertThat(flat).contains("Audittraceofcase#" + caseId, "Chainproof", "thewholechainverifies", "headhash",
                phrase.replaceAll("\\s", ""));
        assertThat(text).containsPattern("head hash [0-9a-f]{64}");
        // every entry of the trace read just before, with its kind and its whole hashes, in chain order
        int last = -1;
        for (JsonNode e : trace.get("entries")) {
            if (e.get("hash").isNull()) {
                continue;
            }
            assertThat(flat).contains("#" + e.get("seq").asLong() + e.get("kind").asText());
            // From the previous entry on: the newest entry's hash is also the proof's head hash.
            int at = flat.indexOf("hash" + e.get("hash").asText(), last + 1);
            assertThat(at).as("hash of entry %s", e.get("seq")).isGreaterThan(last);
            assertThat(flat).contains("prev" + e.get("prevHash").asText(), "digest" + e.get("contentDigest").asText());
            last = at;
        }
        assertThat(last).isPositive();
        // Without a zone the paper's times are in UTC, and it says so beside each of them.
        assertThat(text).contains("Times: in UTC, each with its offset from UTC")
                .containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\+00:00  by ");
        // In the reader's zone, as the audit page asks for it: the zone named, every time with its offset.
        String berlin = pdfText("?zone=Europe/Berlin");
        assertThat(berlin).contains("Times: in Europe/Berlin, each with its offset from UTC")
                .containsPattern("\\d\\d:\\d\\d:\\d\\d UTC\\+0[12]:00  by ").doesNotContain("UTC+00:00  by ");
        // A zone that is none: a problem naming the field, not a PDF in some other zone.
        Api.Response badZone = Api.as(port, "auditor").get("/api/audit/cases/" + caseId + "/trace.pdf?zone=Mars/Olympus");
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.contentType()).startsWith("application/problem+json");
        assertThat(badZone.body()).contains("zone");
        // a case that does not exist: a problem, not a PDF
        Api.Response missing = Api.as(port, "auditor").get("/api/audit/cases/999999999/trace.pdf");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    private String pdfText(String query) throws Exception {
        java.net.http.HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/audit/cases/"
                                + caseId + "/trace.pdf" + query))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("auditor:demo".getBytes()))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(document);
        }
    }

    @Autowired
    io.omnicase.audit.internal.AuditLog auditLog;

    /**
     * An entry is parked with the transaction of the change it records: a transaction that rolls back leaves no entry
     * anywhere (neither sealed nor waiting), one that commits has its entry sealed into the chain, which still
     * verifies, and nothing of it stays parked.
     */
    @Test
    void anEntryCommitsOrRollsBackWithTheChangeItRecords() {
        String rolledBack = "rolled-back-" + UUID.randomUUID();
        String committed = "committed-" + UUID.randomUUID();
        TransactionTemplate transaction = new TransactionTemplate(tx);
        transaction.executeWithoutResult(status -> {
            auditLog.record(new io.omnicase.audit.internal.AuditRecord("case.status", caseId, null, "tester",
                    java.time.Instant.now(), Map.of("text", rolledBack)));
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> auditLog.record(new io.omnicase.audit.internal.AuditRecord(
                "case.status", caseId, null, "tester", java.time.Instant.now(), Map.of("text", committed))));

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM audit_entries WHERE seq IS NOT NULL AND content LIKE ?")
                .param("%" + committed + "%").query(Integer.class).single() == 1);
        for (String text : List.of(rolledBack, committed)) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE SERIALIZED_EVENT LIKE ?")
                    .param("%" + text + "%").query(Integer.class).single()).as("still parked: " + text).isZero();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entries WHERE content LIKE ?").param("%" + rolledBack + "%")
                .query(Integer.class).single()).as("the rolled-back change left no entry").isZero();
        JsonNode entry = trace().get("entries").findParents("kind").stream()
                .filter(e -> e.path("content").path("text").asText().equals(committed)).findFirst().orElseThrow();
        assertThat(entry.get("actor").asText()).isEqualTo("tester");
        assertThat(verification().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aRowChangedInSqlIsNamedAsTheFirstBrokenLink() {
        Map<String, Object> row = row(entrySeq("message.in"));
        long seq = (Long) row.get("seq");
        try {
            jdbc.sql("UPDATE audit_entries SET content = REPLACE(content, 'twice', 'once') WHERE seq = ?").param(seq).update();
            assertBrokenAt(seq, "content");
        } finally {
            jdbc.sql("UPDATE audit_entries SET content = ? WHERE seq = ?").params(row.get("content"), seq).update();
        }
        try {
            jdbc.sql("UPDATE audit_entries SET actor = 'someone-else' WHERE seq = ?").param(seq).update();
            assertBrokenAt(seq, "changed");
        } finally {
            jdbc.sql("UPDATE audit_entries SET actor = ? WHERE seq = ?").params(row.get("actor"), seq).update();
        }
        assertThat(verification().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aRowDeletedInSqlIsNamed() {
        long seq = entrySeq("message.in");
        Map<String, Object> row = row(seq);
        try {
            jdbc.sql("DELETE FROM audit_entries WHERE seq = ?").param(seq).update();
            assertBrokenAt(seq, "missing");
        } finally {
            insert(row);
        }
        assertThat(verification().get("valid").asBoolean()).isTrue();
    }

    @Test
    void rowsReorderedInSqlAreNamed() {
        long first = entrySeq("case.opened");
        long second = first + 1;
        try {
            swap(first, second);
            assertBrokenAt(first, "does not follow");
        } finally {
            swap(first, second);
        }
        assertThat(verification().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aRewrittenTailThatChainsAgainIsCaughtByTheCheckpoint() {
        long seq = entrySeq("message.in");
        Map<String, Object> row = row(seq);
        JsonNode checkpoint = Api.as(port, "admin").postJson("/api/audit/checkpoints", Map.of()).json();
        assertThat(checkpoint.get("seq").asLong()).isGreaterThan(seq);
        try {
            rewriteFrom(seq, ((String) row.get("content")).replace("twice", "once"));
            JsonNode result = verification();
            assertThat(result.get("valid").asBoolean()).isFalse();
            assertThat(result.get("firstBroken").get("problem").asText()).contains("checkpointed");
            assertThat(result.get("firstBroken").get("seq").asLong()).isBetween(seq, checkpoint.get("seq").asLong());
        } finally {
            rewriteFrom(seq, (String) row.get("content"));
        }
        assertThat(verification().get("valid").asBoolean()).isTrue();
    }

    private void assertBrokenAt(long seq, String problem) {
        JsonNode result = verification();
        assertThat(result.get("valid").asBoolean()).as("verification of %s", result).isFalse();
        assertThat(result.get("firstBroken").get("seq").asLong()).as("%s", result).isEqualTo(seq);
        assertThat(result.get("firstBroken").get("problem").asText()).contains(problem);
    }

    private JsonNode verification() {
        Api.Response response = Api.as(port, "auditor").get("/api/audit/verification");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private JsonNode trace() {
        Api.Response response = Api.as(port, "auditor").get("/api/audit/cases/" + caseId + "/trace");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private static List<String> kinds(JsonNode trace) {
        return trace.get("entries").findValuesAsText("kind");
    }

    private static JsonNode entry(JsonNode trace, String kind) {
        for (JsonNode e : trace.get("entries")) {
            if (kind.equals(e.get("kind").asText())) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " entry in " + trace);
    }

    private long entrySeq(String kind) {
        return entry(trace(), kind).get("seq").asLong();
    }

    private Map<String, Object> row(long seq) {
        return jdbc.sql("SELECT * FROM audit_entries WHERE seq = ?").param(seq).query().singleRow();
    }

    private void insert(Map<String, Object> row) {
        jdbc.sql("INSERT INTO audit_entries (id, recorded_at, seq, kind, case_id, customer_id, actor, occurred_at, content, "
                        + "content_digest, prev_hash, hash, pseudonymised_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.get("id"), row.get("recorded_at"), row.get("seq"), row.get("kind"), row.get("case_id"), row.get("customer_id"), row.get("actor"),
                        row.get("occurred_at"), row.get("content"), row.get("content_digest"), row.get("prev_hash"),
                        row.get("hash"), row.get("pseudonymised_at")).update();
    }

    private void swap(long a, long b) {
        new TransactionTemplate(tx).executeWithoutResult(s -> {
            jdbc.sql("UPDATE audit_entries SET seq = -1 WHERE seq = ?").param(a).update();
            jdbc.sql("UPDATE audit_entries SET seq = ? WHERE seq = ?").params(a, b).update();
            jdbc.sql("UPDATE audit_entries SET seq = ? WHERE seq = -1").param(b).update();
        });
    }

    /**
     * What a forger with database access does: changes an entry and recomputes every hash after it and the head, so
     * that the chain in the database is consistent again.
     */
    private void rewriteFrom(long seq, String content) {
        new TransactionTemplate(tx).executeWithoutResult(s -> {
            jdbc.sql("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE").query(Long.class).single();
            jdbc.sql("UPDATE audit_entries SET content = ?, content_digest = ? WHERE seq = ?")
                    .params(content, Canonical.sha256(content), seq).update();
            String prev = jdbc.sql("SELECT hash FROM audit_entries WHERE seq = ?").param(seq - 1).query(String.class).single();
            long last = seq - 1;
            for (Map<String, Object> r : jdbc.sql("SELECT * FROM audit_entries WHERE seq >= ? ORDER BY seq").param(seq)
                    .query().listOfRows()) {
                long n = ((Number) r.get("seq")).longValue();
                Long caseValue = r.get("case_id") == null ? null : ((Number) r.get("case_id")).longValue();
                Long customerValue = r.get("customer_id") == null ? null : ((Number) r.get("customer_id")).longValue();
                String hash = Canonical.hash(prev, Canonical.header(n, (String) r.get("kind"), caseValue, customerValue,
                        (String) r.get("actor"), ((Timestamp) r.get("occurred_at")).toInstant(), (String) r.get("content_digest")));
                jdbc.sql("UPDATE audit_entries SET prev_hash = ?, hash = ? WHERE seq = ?").params(prev, hash, n).update();
                prev = hash;
                last = n;
            }
            jdbc.sql("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1").params(last, prev).update();
        });
    }
}
