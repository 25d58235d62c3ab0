package io.omnicase.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * Cases put into a chosen queue through the real intake and the real routing rules, escalated to a person: a fresh
 * customer writes a message the rules send to that queue, and the fixture waits until the case is escalated there and
 * its task waits in the queue. For access tests (own queue / other queue), e.g. the authorization matrix.
 */
public final class QueueCases {

    /** Texts the routing rules escalate to each queue; {@code %s} is a unique word to search for. */
    private static final Map<String, String> TEXT = Map.of(
            "billing", "I was charged twice for my subscription, please refund it (reference %s)",
            "technical", "The app crashes at every start, I want to speak to a real person (reference %s)",
            "general", "I want to speak to a real person about my contract (reference %s)");

    private QueueCases() {
    }

    /**
     * An escalated case in the queue ({@code billing}, {@code technical} or {@code general}), with its unclaimed task.
     * The customer writes by email, so a reply to the case leaves as a mail to {@link QueueCase#address()}.
     */
    public static QueueCase escalatedIn(int port, String queue) {
        String template = TEXT.get(queue);
        if (template == null) {
            throw new IllegalArgumentException("No message routes to queue " + queue + "; known: " + TEXT.keySet());
        }
        String marker = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String address = "queue-" + marker + "@example.com";
        String text = template.formatted(marker);
        long caseId = CustomerMessages.write(port, "EMAIL", address, text, "thread-" + marker);
        Api supervisor = Api.as(port, "supervisor");
        AtomicReference<JsonNode> view = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            view.set(supervisor.get("/api/cases/" + caseId).json());
            return "ESCALATED".equals(view.get().path("status").asText()) && queue.equals(view.get().path("queue").asText());
        });
        AtomicReference<String> taskId = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode task : supervisor.get("/api/desk/tasks").json()) {
                if (task.path("caseId").asLong() == caseId) {
                    taskId.set(task.path("taskId").asText());
                    return true;
                }
            }
            return false;
        });
        return new QueueCase(caseId, view.get().path("customerId").asLong(), taskId.get(), queue, address, marker, text);
    }

    /** The customer writes again on the case's thread; the case process reassesses the case (and may move it). */
    public static void customerWrites(int port, QueueCase queueCase, String text) {
        long caseId = CustomerMessages.write(port, "EMAIL", queueCase.address(), text, "thread-" + queueCase.marker());
        if (caseId != queueCase.caseId()) {
            throw new IllegalStateException("The message opened case " + caseId + " instead of landing on " + queueCase.caseId());
        }
    }

    /**
     * A case escalated to a queue: its id, customer, the id of its task in the queue, the customer's address, a word
     * only this case's first message holds (for search) and that message.
     */
    public record QueueCase(long caseId, long customerId, String taskId, String queue, String address, String marker,
                            String text) {
    }
}
