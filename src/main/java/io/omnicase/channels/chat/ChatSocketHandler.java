package io.omnicase.channels.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.cases.CaseIntake;
import io.omnicase.cases.InboundMessage;
import io.omnicase.cases.IntakeResult;
import io.omnicase.customers.Channel;
import io.omnicase.customers.IdentityKind;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.util.Map;

/**
 * The chat widget's socket: a visitor's messages go to case intake (channel CHAT, the visitor id as address), an email
 * the visitor gives joins them to that customer, and agents' replies come back on the same socket.
 */
@Component
class ChatSocketHandler extends TextWebSocketHandler {

    static final int MAX_TEXT = 4_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CaseIntake intake;
    private final ChatSessions sessions;
    private final ChatVisitors visitors;

    ChatSocketHandler(CaseIntake intake, ChatSessions sessions, ChatVisitors visitors) {
        this.intake = intake;
        this.sessions = sessions;
        this.visitors = visitors;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        String visitor = session.getUri() == null ? null
                : UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams().getFirst("visitor");
        if (visitor == null || !IdentityKind.CHAT_VISITOR.accepts(visitor) || visitor.length() < 16) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("visitor id missing or malformed"));
            return;
        }
        session.getAttributes().put("visitor", visitor);
        sessions.opened(visitor, session);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Object visitor = session.getAttributes().get("visitor");
        if (visitor != null) {
            sessions.closed(visitor.toString(), session);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage frame) throws IOException {
        String visitor = (String) session.getAttributes().get("visitor");
        JsonNode message;
        try {
            message = JSON.readTree(frame.getPayload());
        } catch (IOException e) {
            reply(visitor, Map.of("type", "error", "error", "frame is not JSON"));
            return;
        }
        switch (message.path("type").asText()) {
            case "message" -> receive(visitor, message);
            case "identify" -> identify(visitor, message);
            default -> reply(visitor, Map.of("type", "error", "error", "type must be message or identify"));
        }
    }

    private void receive(String visitor, JsonNode message) throws IOException {
        String id = message.path("id").asText("");
        String text = message.path("text").asText("").strip();
        if (!id.matches("[A-Za-z0-9-]{8,64}") || text.isEmpty() || text.length() > MAX_TEXT) {
            reply(visitor, Map.of("type", "error", "error", "a message needs an id (8-64 letters, digits, -) and 1-"
                    + MAX_TEXT + " characters of text"));
            return;
        }
        String name = message.path("name").asText("").strip();
        IntakeResult result = intake.receive(new InboundMessage(Channel.CHAT, visitor, name.isEmpty() ? null : name, text,
                "chat:" + visitor + ":" + id, null, null, null));
        reply(visitor, Map.of("type", "ack", "id", id, "caseId", result.caseId().value()));
    }

    private void identify(String visitor, JsonNode message) throws IOException {
        String email = message.path("email").asText("").strip();
        if (!IdentityKind.EMAIL.accepts(email) || email.length() > 320) {
            reply(visitor, Map.of("type", "error", "error", "not an email address"));
            return;
        }
        visitors.join(visitor, email);
        reply(visitor, Map.of("type", "identified", "email", IdentityKind.EMAIL.normalize(email)));
    }

    private void reply(String visitor, Map<String, Object> frame) throws IOException {
        sessions.push(visitor, JSON.writeValueAsString(frame));
    }
}
