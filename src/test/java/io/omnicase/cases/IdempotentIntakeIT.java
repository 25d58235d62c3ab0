package io.omnicase.cases;

import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A message posted again, even ten times at once, is stored once and every answer names the stored one. */
@RunningOmnicase
class IdempotentIntakeIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void tenConcurrentDeliveriesOfOneMessageStoreItOnce() throws Exception {
        String providerId = "wamid." + UUID.randomUUID();
        Map<String, Object> body = message("+4930" + (1_000_000 + (int) (Math.random() * 8_999_999)), providerId, "Is my order shipped?");

        List<Api.Response> answers = concurrently(10, i -> Api.as(port, "gateway").postJson("/api/messages", body));

        assertThat(answers).extracting(Api.Response::status).containsOnly(200, 202);
        assertThat(answers).filteredOn(r -> r.status() == 202).hasSize(1);
        assertThat(answers).extracting(r -> r.json().get("messageId").asLong()).containsOnly(answers.get(0).json().get("messageId").asLong());
        assertThat(answers).filteredOn(r -> r.status() == 200).allMatch(r -> r.json().get("duplicate").asBoolean());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM interactions WHERE provider_message_id = ?").param(providerId)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void tenDifferentFirstMessagesOfANewCustomerAtOnceMakeOneCustomerAndOneCase() throws Exception {
        String phone = "+4940" + (1_000_000 + (int) (Math.random() * 8_999_999));

        List<Api.Response> answers = concurrently(10, i -> Api.as(port, "gateway").postJson("/api/messages",
                message(phone, UUID.randomUUID().toString(), "Message number " + i)));

        assertThat(answers).extracting(Api.Response::status).containsOnly(202);
        assertThat(answers).extracting(r -> r.json().get("caseId").asLong()).containsOnly(answers.get(0).json().get("caseId").asLong());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_identities WHERE address = ?").param(phone)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM interactions WHERE case_id = ? AND kind = 'INBOUND'")
                .param(answers.get(0).json().get("caseId").asLong()).query(Integer.class).single()).isEqualTo(10);
    }

    private static Map<String, Object> message(String phone, String providerId, String text) {
        Map<String, Object> body = new HashMap<>();
        body.put("channel", "WHATSAPP");
        body.put("from", phone);
        body.put("text", text);
        body.put("providerMessageId", providerId);
        return body;
    }

    private static <T> List<T> concurrently(int n, java.util.function.IntFunction<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = IntStream.range(0, n).mapToObj(i -> pool.submit((Callable<T>) () -> {
                start.await();
                return work.apply(i);
            })).toList();
            start.countDown();
            List<T> results = new java.util.ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
