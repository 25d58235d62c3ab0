package io.omnicase.channels.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat conversation over the widget's real socket: a visitor comes back with their signed token and finds their
 * conversation (and nothing agents alone may see), a forged token is a stranger, a visitor who asks for a person is
 * told an agent will join and their place in the queue, and both sides see the other typing.
 */
@RunningOmnicase
class ChatConversationIT {

    @LocalServerPort
    int port;

    @Test
    void aVisitorWhoFloodsTheChatHasTwentyMessagesAMinuteTakenAndIsToldTheRestWereNot() {
        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            long caseId = visitor.write("Flood 0: my order never arrived");
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 1; i <= 24; i++) {
                String id = "flood-" + i + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
                ids.add(id);
                visitor.send(Map.of("type", "message", "id", id, "text", "Flood " + i + ": still waiting"));
            }
            String last = ids.get(ids.size() - 1);
            visitor.awaitFrame(f -> last.equals(f.path("id").asText()));
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id ->
                    visitor.frames().stream().anyMatch(f -> id.equals(f.path("id").asText()))));

            long acked = visitor.frames().stream().filter(f -> "ack".equals(f.path("type").asText())).count();
            List<JsonNode> refused = visitor.frames().stream().filter(f -> "error".equals(f.path("type").asText())
                    && ids.contains(f.path("id").asText())).toList();
            assertThat(acked).as("messages taken").isEqualTo(20);
            assertThat(refused).hasSize(5).allSatisfy(f -> assertThat(f.get("error").asText()).contains("send it again"));
            // What was refused was not stored: the case holds the twenty it acknowledged.
            await().atMost(Duration.ofSeconds(30)).until(() -> floodMessages(caseId) == 20);
        }
    }

    private long floodMessages(long caseId) {
        long count = 0;
        for (JsonNode e : Api.as(port, "supervisor").get("/api/cases/" + caseId + "/timeline").json()) {
            count += e.path("text").asText().startsWith("Flood ") ? 1 : 0;
        }
        return count;
    }

    @Test
    void aVisitorWhoComesBackWithTheirTokenFindsTheirConversationButNoNoteOrDecision() {
        String email = "hint-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String question = "My printer " + UUID.randomUUID().toString().substring(0, 6) + " shows error E42";
        String answer = "E42 is a paper jam: open the rear door. " + UUID.randomUUID().toString().substring(0, 6);
        String token;
        long caseId;
        String visitorId;
        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            assertThat(visitor.welcome().get("newVisitor").asBoolean()).isTrue();
            assertThat(visitor.welcome().get("history")).isEmpty();
            caseId = visitor.write(question);
            // The first message is acknowledged in words at once, promising no person: the assistant may answer first
            // and tell the visitor to ask for one (walk 48).
            assertThat(visitor.awaitFrame(f -> "received".equals(f.path("kind").asText())).get("text").asText())
                    .startsWith("Thanks, we got your message").doesNotContain("Someone from our team");
            // A note only agents see: the address the visitor typed, not verified.
            visitor.hint(email);
            assertThat(Api.as(port, "supervisor").postJson("/api/cases/" + caseId + "/replies", Map.of("text", answer))
                    .status()).isEqualTo(201);
            JsonNode reply = visitor.awaitFrame(f -> "reply".equals(f.path("type").asText())
                    && answer.equals(f.path("text").asText()));
            assertThat(reply.at("/entry/author").asText()).isEqualTo("Sara Supervisor");
            assertThat(reply.at("/entry/at").asText()).isNotBlank();
            // The widget saw it: the agent's timeline shows the reply read.
            visitor.send(Map.of("type", "read", "upTo", reply.at("/entry/interactionId").asText()));
            await().atMost(Duration.ofSeconds(20)).until(() -> "READ".equals(ChatVisitor.replyDelivery(port, caseId, answer)));
            token = visitor.token();
            visitorId = visitor.id;
        }

        try (ChatVisitor back = ChatVisitor.connect(port, token)) {
            assertThat(back.id).isEqualTo(visitorId);
            JsonNode welcome = back.welcome();
            assertThat(welcome.get("newVisitor").asBoolean()).isFalse();
            assertThat(welcome.get("caseId").asLong()).isEqualTo(caseId);
            List<JsonNode> history = new ArrayList<>();
            welcome.get("history").forEach(history::add);
            assertThat(history).anySatisfy(e -> {
                assertThat(e.get("from").asText()).isEqualTo("customer");
                assertThat(e.get("text").asText()).isEqualTo(question);
                assertThat(e.get("state").asText()).isEqualTo("stored");
            });
            assertThat(history).anySatisfy(e -> {
                assertThat(e.get("from").asText()).isEqualTo("agent");
                assertThat(e.get("text").asText()).isEqualTo(answer);
                assertThat(e.get("author").asText()).isEqualTo("Sara Supervisor");
                assertThat(e.get("state").asText()).isEqualTo("read");
                assertThat(e.get("at").asText()).isNotBlank();
            });
            // The timeline holds the note and the routing decision; the visitor sees neither.
            JsonNode timeline = Api.as(port, "supervisor").get("/api/cases/" + caseId + "/timeline").json();
            List<String> hidden = new ArrayList<>();
            timeline.forEach(e -> {
                if (!List.of("INBOUND", "OUTBOUND").contains(e.get("kind").asText())) {
                    hidden.add(e.get("text").asText());
                }
            });
            assertThat(hidden).anyMatch(t -> t.contains(email));
            assertThat(welcome.toString()).doesNotContain(email).doesNotContain("not verified");
            assertThat(history).allSatisfy(e -> assertThat(hidden).doesNotContain(e.get("text").asText()));
        }
    }

    @Test
    void aForgedTamperedOrExpiredLookingTokenMakesANewVisitorWhoSeesNothing() {
        String token;
        String visitorId;
        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            visitor.write("Where is my parcel " + UUID.randomUUID().toString().substring(0, 6) + "?");
            token = visitor.token();
            visitorId = visitor.id;
        }
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + parts[2] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new byte[32]);
        String longer = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86_400 * 365) + "." + parts[3];
        String otherVisitor = parts[0] + ".v-" + UUID.randomUUID() + "." + parts[2] + "." + parts[3];
        for (String bad : List.of(forged, longer, otherVisitor, visitorId, "garbage")) {
            try (ChatVisitor stranger = ChatVisitor.connect(port, bad)) {
                assertThat(stranger.id).as(bad).isNotEqualTo(visitorId);
                assertThat(stranger.welcome().get("newVisitor").asBoolean()).isTrue();
                assertThat(stranger.welcome().get("history")).isEmpty();
                assertThat(stranger.welcome().has("caseId")).isFalse();
            }
        }
        // The real token still works.
        try (ChatVisitor back = ChatVisitor.connect(port, token)) {
            assertThat(back.id).isEqualTo(visitorId);
            assertThat(back.welcome().get("history")).isNotEmpty();
        }
    }

    @Test
    void aReplyToAVisitorWhoNeverComesBackIsTriedABoundedNumberOfTimesThenShownAsNotDeliveredAndKept() {
        String marker = UUID.randomUUID().toString().substring(0, 6);
        String answer = "Your parcel " + marker + " left our warehouse today.";
        long caseId;
        String token;
        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            visitor.write("Where is my parcel " + marker + "?");
            caseId = visitor.write("I want to talk to a person");
            token = visitor.token();
        }
        assertThat(Api.as(port, "supervisor").postJson("/api/cases/" + caseId + "/replies", Map.of("text", answer))
                .status()).isEqualTo(201);

        // No window open: tried again with pauses, then given up on and shown to agents as failed, with why.
        await().atMost(Duration.ofSeconds(120)).until(() -> "FAILED".equals(ChatVisitor.replyDelivery(port, caseId, answer)));
        JsonNode entry = null;
        for (JsonNode e : Api.as(port, "supervisor").get("/api/cases/" + caseId + "/timeline").json()) {
            if (answer.equals(e.path("text").asText())) {
                entry = e;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.path("detail").path("deliveryError").asText()).contains("no chat window open", "gave up after 8 attempts");

        // Nothing is lost: the visitor who comes back later reads the reply in their conversation.
        try (ChatVisitor back = ChatVisitor.connect(port, token)) {
            List<String> texts = new ArrayList<>();
            back.welcome().get("history").forEach(e -> texts.add(e.get("text").asText()));
            assertThat(texts).contains(answer);
        }
    }

    @Test
    void halfASurrogatePairNeitherEndsTheConversationNorLosesTheAgentsReply() {
        String marker = UUID.randomUUID().toString().substring(0, 6);
        String id = "half-" + marker;
        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            // JSON's escape for half of an emoji's surrogate pair: no character, and no UTF-8 the socket can send back.
            visitor.sendRaw("{\"type\":\"message\",\"id\":\"" + id + "\",\"text\":\"My screen " + marker
                    + " \\ud800 is cracked\"}");
            JsonNode ack = visitor.awaitFrame(f -> "ack".equals(f.path("type").asText()) && id.equals(f.path("id").asText()));
            String stored = "My screen " + marker + " \uFFFD is cracked";
            assertThat(ack.at("/entry/text").asText()).isEqualTo(stored);
            long caseId = ack.get("caseId").asLong();

            // The window is still open: the next message is taken and acknowledged on it.
            assertThat(visitor.write("Still there? " + marker)).isEqualTo(caseId);
            // The same id again with other words: the visitor is shown what was stored the first time, as agents see it.
            visitor.send(Map.of("type", "message", "id", id, "text", "Something else entirely " + marker));
            await().atMost(Duration.ofSeconds(20)).until(() -> visitor.frames().stream()
                    .filter(f -> "ack".equals(f.path("type").asText()) && id.equals(f.path("id").asText())).count() == 2);
            assertThat(visitor.frames().stream().filter(f -> "ack".equals(f.path("type").asText())
                    && id.equals(f.path("id").asText()))).allSatisfy(f -> assertThat(f.at("/entry/text").asText()).isEqualTo(stored));
            List<String> customerTexts = new ArrayList<>();
            for (JsonNode e : Api.as(port, "supervisor").get("/api/cases/" + caseId + "/timeline").json()) {
                if ("INBOUND".equals(e.path("kind").asText())) {
                    customerTexts.add(e.path("text").asText());
                }
            }
            assertThat(customerTexts).contains(stored).noneMatch(t -> t.contains("Something else"));

            // An agent's reply with the same half pair reaches the open window, cleaned, and is shown as sent.
            Api.Response replied = Api.as(port, "supervisor").post("/api/cases/" + caseId + "/replies", "application/json",
                    "{\"text\":\"Sorry about the screen " + marker + " \\ud800, a courier comes tomorrow\"}");
            assertThat(replied.status()).as(replied.toString()).isEqualTo(201);
            String answer = "Sorry about the screen " + marker + " \uFFFD, a courier comes tomorrow";
            visitor.awaitFrame(f -> "reply".equals(f.path("type").asText()) && answer.equals(f.path("text").asText()));
            await().atMost(Duration.ofSeconds(20)).until(() -> List.of("SENT", "DELIVERED", "READ")
                    .contains(String.valueOf(ChatVisitor.replyDelivery(port, caseId, answer))));
        }
    }

    /**
     * A text the embedding model reads no word in (its tokenizer drops U+FFFD, which half a pair is stored as, and
     * zero-width characters): the model refused it, so the case's assessment failed with an ERROR at every retry and the
     * case stayed NEW, undecided and unanswered, its indexing retried for ever (probe 50). It is decided as any other.
     */
    @Test
    void aMessageOfCharactersTheModelReadsNoWordInIsDecidedAsAnyOther() {
        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            long caseId = visitor.write("\uFFFD\u200B");
            Api supervisor = Api.as(port, "supervisor");
            await().atMost(Duration.ofSeconds(60)).until(() -> !"NEW".equals(supervisor.get("/api/cases/" + caseId).json()
                    .path("status").asText()));
            List<String> kinds = new ArrayList<>();
            supervisor.get("/api/cases/" + caseId + "/timeline").json().forEach(e -> kinds.add(e.path("kind").asText()));
            assertThat(kinds).contains("INBOUND", "DECISION");
        }
    }

    @Test
    void aVisitorWhoAsksForAPersonIsToldAnAgentWillJoinAndTheirPlaceInTheQueue() {
        String marker = UUID.randomUUID().toString().substring(0, 6);
        try (ChatVisitor first = ChatVisitor.connect(port); ChatVisitor second = ChatVisitor.connect(port)) {
            first.write("I was charged twice for invoice " + marker);
            first.write("Can I talk to a person please?");
            // The request is answered as such (with the place in the queue when routing has placed the case by then).
            assertThat(first.awaitFrame(f -> "notice".equals(f.path("type").asText())
                    && "person".equals(f.path("kind").asText())).get("text").asText())
                    .startsWith("You asked for a person");
            JsonNode firstPlace = first.awaitFrame(f -> "queue".equals(f.path("kind").asText()));
            assertThat(firstPlace.get("text").asText()).startsWith("An agent will join this chat soon");
            int position = firstPlace.get("position").asInt();
            assertThat(position).isPositive();

            // The same words a moment later: the same queue and priority, one case further back.
            second.write("I was charged twice for invoice " + marker);
            second.write("Can I talk to a person please?");
            JsonNode secondPlace = second.awaitFrame(f -> "queue".equals(f.path("kind").asText()));
            assertThat(secondPlace.get("text").asText())
                    .contains("you are number " + secondPlace.get("position").asInt() + " in the queue");

            // Asking again while waiting is answered as an answer to the request, not with the queue notice the
            // widget already shows (walk 42: nothing visible answered it).
            first.write("I want to talk to a real person please.");
            JsonNode again = first.awaitFrame(f -> "person".equals(f.path("kind").asText())
                    && f.path("text").asText().startsWith("You asked for a person: an agent will join this chat soon"));
            assertThat(again.get("position").asInt()).isPositive();

            // Back after a reload, each visitor is told their place again, the second one right behind the first.
            // Other tests' cases leave the shared queue meanwhile, so both places are read again together.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                try (ChatVisitor firstBack = ChatVisitor.connect(port, first.token());
                     ChatVisitor secondBack = ChatVisitor.connect(port, second.token())) {
                    int firstNow = firstBack.awaitFrame(f -> "queue".equals(f.path("kind").asText())).get("position").asInt();
                    int secondNow = secondBack.awaitFrame(f -> "queue".equals(f.path("kind").asText())).get("position").asInt();
                    // A more urgent case may have come in ahead of both meanwhile: only the order is fixed.
                    assertThat(firstNow).isPositive();
                    assertThat(secondNow).as("the supervisor's tasks: %s",
                            Api.as(port, "supervisor").get("/api/desk/tasks").body()).isEqualTo(firstNow + 1);
                }
            });
        }
    }

    @Test
    void aFirstMessageAskingForAPersonIsAnsweredWithOneNoticeThatSaysItArrivedAndAPersonWasAskedFor() {
        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            visitor.write("Can I talk to a person please? " + UUID.randomUUID().toString().substring(0, 6));
            JsonNode person = visitor.awaitFrame(f -> "person".equals(f.path("kind").asText()));
            assertThat(person.get("text").asText()).startsWith("Thanks, we got your message").contains("You asked for a person");
            // The queue's notice follows once routing placed the case; no separate "received" came before it.
            visitor.awaitFrame(f -> "queue".equals(f.path("kind").asText()));
            assertThat(visitor.frames()).noneMatch(f -> "received".equals(f.path("kind").asText()));
        }
    }

    @Test
    void aWaitingVisitorIsToldWhoJoinedWhenAnAgentTakesTheCase() {
        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            long caseId = visitor.write("I was charged twice for invoice " + UUID.randomUUID().toString().substring(0, 6));
            visitor.write("Can I talk to a person please?");
            visitor.awaitFrame(f -> "queue".equals(f.path("kind").asText()));

            Api agent = Api.as(port, "agent");
            String taskId = await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (JsonNode item : agent.get("/api/desk/queue?tab=unassigned").json().path("items")) {
                    if (item.path("caseId").asLong() == caseId) {
                        return item.path("taskId").asText();
                    }
                }
                return null;
            }, java.util.Objects::nonNull);
            assertThat(agent.post("/api/desk/tasks/" + taskId + "/claim", "application/json", "").status()).isLessThan(300);

            JsonNode joined = visitor.awaitFrame(f -> "agent-joined".equals(f.path("kind").asText()));
            assertThat(joined.get("text").asText()).isEqualTo("Alex Agent has joined the conversation.");
        }
    }

    /** Walk 47: the agent answered without claiming first, and the visitor read "Alex Agent has joined" after Alex's answer. */
    @Test
    void aWaitingVisitorAnsweredByAnAgentWhoDidNotClaimReadsWhoJoinedBeforeTheAnswerAlsoAfterAReload() {
        String token;
        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            long caseId = visitor.write("I was charged twice for invoice " + UUID.randomUUID().toString().substring(0, 6));
            visitor.write("Can I talk to a person please?");
            visitor.awaitFrame(f -> "queue".equals(f.path("kind").asText()));

            Api agent = Api.as(port, "agent");
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (JsonNode item : agent.get("/api/desk/queue?tab=unassigned").json().path("items")) {
                    if (item.path("caseId").asLong() == caseId) {
                        return true;
                    }
                }
                return false;
            });
            String answer = "Sorry about the double charge, the refund is on its way " + caseId;
            assertThat(agent.postJson("/api/cases/" + caseId + "/replies", Map.of("text", answer)).status()).isEqualTo(201);

            visitor.awaitFrame(f -> "reply".equals(f.path("type").asText()) && answer.equals(f.path("text").asText()));
            visitor.awaitFrame(f -> "agent-joined".equals(f.path("kind").asText()));
            List<JsonNode> frames = visitor.frames();
            int joined = indexOf(frames, f -> "agent-joined".equals(f.path("kind").asText()));
            int replied = indexOf(frames, f -> "reply".equals(f.path("type").asText()) && answer.equals(f.path("text").asText()));
            assertThat(joined).as("frames: %s", frames).isLessThan(replied);
            token = visitor.token();
        }

        // Walk 47, N4: after a reload the visitor is still told who is with them, though a person has answered.
        try (ChatVisitor back = ChatVisitor.connect(port, token)) {
            assertThat(back.welcome().get("history")).anyMatch(e -> "Alex Agent".equals(e.path("author").asText()));
            JsonNode restored = back.awaitFrame(f -> "agent-joined".equals(f.path("kind").asText()));
            assertThat(restored.get("text").asText()).isEqualTo("Alex Agent has joined the conversation.");
            assertThat(restored.get("agent").asText()).isEqualTo("Alex Agent");
            assertThat(restored.get("restored").asBoolean()).isTrue();
        }
    }

    private static int indexOf(List<JsonNode> frames, java.util.function.Predicate<JsonNode> match) {
        for (int i = 0; i < frames.size(); i++) {
            if (match.test(frames.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theAgentSeesTheCustomerTypingAndTheCustomerSeesTheAgentTyping() throws Exception {
        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            long caseId = visitor.write("Hello, a question about my invoice " + UUID.randomUUID().toString().substring(0, 6));

            List<String> events = new CopyOnWriteArrayList<>();
            HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/desk/cases/" + caseId + "/events"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("supervisor:demo".getBytes(StandardCharsets.UTF_8)))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        events.add(line);
                    }
                } catch (Exception e) {
                    // the stream ends when the test closes it
                }
            });
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> events.contains("event:ready"));

            visitor.send(Map.of("type", "typing"));
            await().atMost(Duration.ofSeconds(20)).until(() -> events.contains("event:typing"));
            assertThat(events.get(events.indexOf("event:typing") + 1)).isEqualTo("data:{\"who\":\"customer\"}");
            stream.body().close();

            assertThat(Api.as(port, "supervisor").post("/api/desk/cases/" + caseId + "/typing", "application/json", "")
                    .status()).isEqualTo(204);
            JsonNode typing = visitor.awaitFrame(f -> "typing".equals(f.path("type").asText()));
            assertThat(typing.get("who").asText()).isEqualTo("agent");
            assertThat(typing.get("name").asText()).isEqualTo("Sara Supervisor");
            // Someone who may not write on the case cannot make the customer believe an agent is coming.
            assertThat(Api.as(port, "auditor").post("/api/desk/cases/" + caseId + "/typing", "application/json", "")
                    .status()).isEqualTo(403);
        }
    }
}
