package io.omnicase.channels.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseIntake;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.InboundMessage;
import io.omnicase.cases.IntakeResult;
import io.omnicase.channels.chat.ChatEmailVerification.Outcome;
import io.omnicase.customers.Channel;
import io.omnicase.customers.IdentityKind;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chat widget's socket: a visitor's messages go to case intake (channel CHAT, the visitor id as address) and
 * agents' replies come back on the same socket. A visitor is a customer of their own until they prove an email address
 * with a mailed code ({@link ChatEmailVerification}); an address they only typed is shown to agents as an unverified
 * hint on their case and is never used to find a customer.
 */
@Component
class ChatSocketHandler extends TextWebSocketHandler {

    static final int MAX_TEXT = 4_000;
    static final int MIN_VISITOR = 16;
    static final int MAX_VISITOR = 64;
    private static final String VISITOR = "visitor";
    private static final String CASE = "caseId";
    private static final String HINT = "emailHint";
    private static final String HINT_NOTED = "emailHintNoted";

    private final CaseIntake intake;
    private final CaseManagement cases;
    private final ChatSessions sessions;
    private final ChatEmailVerification verification;
    private final ObjectMapper json;
    private final Validator validator;

    ChatSocketHandler(CaseIntake intake, CaseManagement cases, ChatSessions sessions, ChatEmailVerification verification,
                      ObjectMapper json, Validator validator) {
        this.intake = intake;
        this.cases = cases;
        this.sessions = sessions;
        this.verification = verification;
        this.json = json;
        this.validator = validator;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        String visitor = session.getUri() == null ? null
                : UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams().getFirst(VISITOR);
        if (visitor == null || !IdentityKind.CHAT_VISITOR.accepts(visitor) || visitor.length() < MIN_VISITOR
                || visitor.length() > MAX_VISITOR) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("visitor id missing or malformed"));
            return;
        }
        session.getAttributes().put(VISITOR, visitor);
        sessions.opened(visitor, session);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Object visitor = session.getAttributes().get(VISITOR);
        if (visitor != null) {
            sessions.closed(visitor.toString(), session);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage frame) throws IOException {
        String visitor = (String) session.getAttributes().get(VISITOR);
        JsonNode tree;
        try {
            tree = json.readTree(frame.getPayload());
        } catch (IOException e) {
            reply(visitor, Map.of("type", "error", "error", "frame is not JSON"));
            return;
        }
        ChatFrame message;
        try {
            // A frame that is JSON but no object has no type, and is answered as such below.
            message = tree != null && tree.isObject() ? json.treeToValue(tree, ChatFrame.class)
                    : new ChatFrame(null, null, null, null, null, null);
        } catch (IOException e) {
            reply(visitor, Map.of("type", "error", "error", "the fields of a frame are texts"));
            return;
        }
        switch (message.typeOrEmpty()) {
            case "message" -> receive(session, visitor, message);
            case "verify-email" -> requestCode(session, visitor, message);
            case "verify-code" -> confirm(visitor, message);
            // An older widget's way to give an address: now only a hint for agents, never a link to a customer.
            case "identify" -> hint(session, message);
            default -> reply(visitor, Map.of("type", "error", "error",
                    "type must be message, verify-email or verify-code"));
        }
    }

    private void receive(WebSocketSession session, String visitor, ChatFrame frame) throws IOException {
        ChatFrame.Message message = frame.message();
        if (!validator.validate(message).isEmpty()) {
            reply(visitor, Map.of("type", "error", "error", "a message needs an id (8-64 letters, digits, -) and 1-"
                    + MAX_TEXT + " characters of text"));
            return;
        }
        String id = message.id();
        String text = message.text();
        String name = message.name();
        IntakeResult result = intake.receive(new InboundMessage(Channel.CHAT, visitor, name.isEmpty() ? null : name, text,
                "chat:" + visitor + ":" + id, null, null, null));
        session.getAttributes().put(CASE, result.caseId().value());
        noteHint(session);
        reply(visitor, Map.of("type", "ack", "id", id, "caseId", result.caseId().value()));
    }

    private void requestCode(WebSocketSession session, String visitor, ChatFrame message) throws IOException {
        String email = message.emailOrEmpty();
        Outcome outcome = verification.requestCode(visitor, email);
        if (outcome.email() != null) {
            session.getAttributes().put(HINT, outcome.email());
            noteHint(session);
        }
        answer(visitor, outcome);
    }

    private void confirm(String visitor, ChatFrame message) throws IOException {
        answer(visitor, verification.confirm(visitor, message.codeOrEmpty()));
    }

    private void hint(WebSocketSession session, ChatFrame message) throws IOException {
        EmailAddressRule.normalize(message.emailOrEmpty()).ifPresent(email -> {
            session.getAttributes().put(HINT, email);
            noteHint(session);
        });
        answer((String) session.getAttributes().get(VISITOR),
                Outcome.of(ChatEmailVerification.Status.NOT_VERIFIED));
    }

    /** Shows agents, once per case and address, the address the visitor gave, marked as not verified. */
    private void noteHint(WebSocketSession session) {
        Object caseId = session.getAttributes().get(CASE);
        Object email = session.getAttributes().get(HINT);
        if (caseId == null || email == null) {
            return;
        }
        String noted = caseId + " " + email;
        if (noted.equals(session.getAttributes().get(HINT_NOTED))) {
            return;
        }
        cases.recordNote(new CaseId((Long) caseId), "chat", "The visitor says their email address is " + email
                        + ". It is not verified: the chat is not linked to any customer with that address unless the "
                        + "visitor enters the code mailed to it or an agent merges the customers.",
                Map.of("unverifiedEmail", email));
        session.getAttributes().put(HINT_NOTED, noted);
    }

    private void answer(String visitor, Outcome outcome) throws IOException {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "verification");
        frame.put("status", outcome.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        frame.put("message", text(outcome));
        if (outcome.status() == ChatEmailVerification.Status.CODE_SENT || outcome.status() == ChatEmailVerification.Status.VERIFIED) {
            frame.put("email", outcome.email());
        }
        if (outcome.status() == ChatEmailVerification.Status.WRONG_CODE) {
            frame.put("attemptsLeft", outcome.attemptsLeft());
        }
        reply(visitor, frame);
    }

    private static String text(Outcome outcome) {
        return switch (outcome.status()) {
            case CODE_SENT -> "If " + outcome.email() + " can receive mail, a code is on its way to it. Enter the code here"
                    + " within " + ChatEmailVerification.LIFETIME.toMinutes() + " minutes.";
            case INVALID_ADDRESS -> "That is not an email address a code can be sent to: write it as name@example.com,"
                    + " without spaces.";
            case UNAVAILABLE -> "Email codes cannot be sent here; an agent can link this chat to your customer record.";
            case TOO_MANY_REQUESTS -> "Too many codes were asked for; please wait an hour before asking for another.";
            case SEND_FAILED -> "The code could not be mailed just now; please try again in a few minutes.";
            case ALREADY_LINKED -> "This chat is already linked to another email address; an agent can link more.";
            case VERIFIED -> "Thank you: this chat is now linked to " + outcome.email() + ".";
            case WRONG_CODE -> "That code is not right. " + outcome.attemptsLeft()
                    + (outcome.attemptsLeft() == 1 ? " try" : " tries") + " left.";
            case LOCKED -> "Too many wrong codes: this code no longer works. Ask for a new code.";
            case EXPIRED -> "This code has expired. Ask for a new code.";
            case NO_CODE -> "No code is waiting to be entered. Ask for a code first.";
            case MALFORMED_CODE -> "The code is the " + ChatEmailVerification.DIGITS + " digits in the mail.";
            case NOT_VERIFIED -> "Noted, but not verified: to link this chat to your email, ask for a code.";
        };
    }

    private void reply(String visitor, Map<String, Object> frame) throws IOException {
        sessions.push(visitor, json.writeValueAsString(frame));
    }
}
