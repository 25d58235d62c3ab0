package io.omnicase.assistant.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnicase.assistant.AnswerEngine;
import io.omnicase.assistant.Grounding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks an OpenAI-compatible {@code /chat/completions} endpoint to phrase the answer from the retrieved sources only.
 * Anything but a plain, bounded answer (timeout, error status, malformed JSON, empty text, markup, the model saying
 * it cannot answer) is no answer: the assistant then hands over to a person.
 */
class ChatCompletionAnswerEngine implements AnswerEngine {

    static final String NO_ANSWER = "NO_ANSWER";
    private static final int MAX_ANSWER = 2_000;
    private static final Logger log = LoggerFactory.getLogger(ChatCompletionAnswerEngine.class);
    private static final String INSTRUCTIONS = "You are a customer-service assistant. Answer the customer's question "
            + "using only the numbered sources. If the sources do not answer it, reply exactly " + NO_ANSWER
            + ". Answer in plain text, at most five sentences, without markup.";

    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final Duration timeout;
    private final ObjectMapper json;
    private final RestClient http;

    /** One answer as it came over the wire: read by the application's mapper, not by a message converter. */
    private record Reply(int status, byte[] body) {
    }

    ChatCompletionAnswerEngine(RestClient.Builder http, String baseUrl, String model, String apiKey, Duration timeout,
                               ObjectMapper json) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/chat/completions");
        this.model = model;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.json = json;
        this.http = http.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
                        .build(ClientHttpRequestFactorySettings.defaults().withTimeouts(timeout, timeout)
                                .withRedirects(ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW)))
                .build();
    }

    @Override
    public Optional<String> answer(String question, String topic, List<Grounding> sources) {
        try {
            Reply response = http.post().uri(endpoint)
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(headers -> {
                        if (apiKey != null && !apiKey.isBlank()) {
                            headers.setBearerAuth(apiKey);
                        }
                    })
                    .body(json.writeValueAsBytes(body(question, sources)))
                    .exchange((request, reply) -> new Reply(reply.getStatusCode().value(), reply.getBody().readAllBytes()));
            if (response.status() != 200) {
                log.warn("The chat endpoint answered {}; handing over to a person", response.status());
                return Optional.empty();
            }
            return usable(json.readTree(response.body()).path("choices").path(0).path("message").path("content"));
        } catch (ResourceAccessException e) {
            if (Thread.currentThread().isInterrupted()) {
                return Optional.empty();
            }
            if (timedOut(e)) {
                log.warn("The chat endpoint did not answer within {}; handing over to a person", timeout);
            } else {
                log.warn("The chat endpoint failed ({}); handing over to a person", e.getMostSpecificCause().getMessage());
            }
            return Optional.empty();
        } catch (IOException e) {
            log.warn("The chat endpoint failed ({}); handing over to a person", e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean timedOut(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode body(String question, List<Grounding> sources) {
        StringBuilder context = new StringBuilder();
        for (int i = 0; i < sources.size(); i++) {
            Grounding g = sources.get(i);
            context.append('[').append(i + 1).append("] ").append(g.source().title()).append('\n')
                    .append(g.answer()).append("\n\n");
        }
        ObjectNode body = json.createObjectNode().put("model", model).put("temperature", 0);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", INSTRUCTIONS);
        messages.addObject().put("role", "user").put("content", "Sources:\n" + context + "Question: " + question);
        return body;
    }

    private static Optional<String> usable(JsonNode content) {
        if (!content.isTextual()) {
            log.warn("The chat endpoint answered without a message text; handing over to a person");
            return Optional.empty();
        }
        String text = content.asText().strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.length() > MAX_ANSWER || text.contains(NO_ANSWER) || lower.contains("<script")
                || lower.matches("(?s).*<[a-z][^>]*>.*") || text.chars().filter(Character::isLetter).count() < 2) {
            log.warn("The chat endpoint's answer is not usable; handing over to a person");
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
