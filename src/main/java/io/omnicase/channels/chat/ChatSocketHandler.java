package io.omnicase.channels.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseIntake;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.InboundMessage;
import io.omnicase.cases.DeliveryStatus;
import io.omnicase.cases.IntakeResult;
import io.omnicase.cases.PersonRequest;
import io.omnicase.channels.Deliveries;
import io.omnicase.channels.chat.ChatEmailVerification.Outcome;
import io.omnicase.customers.Channel;
import io.omnicase.desk.CustomerTyping;
import org.springframework.context.ApplicationEventPublisher;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chat widget's socket: a visitor's messages go to case intake (channel CHAT, the visitor id as address) and
 * agents' replies come back on the same socket. The widget's first frame is its hello with the visitor token it holds
 * ({@link VisitorTokens}); a valid token brings the visitor's conversation back (a reload, a new tab), anything else
 * makes a new visitor. Every welcome carries a renewed token, so a visitor who comes back stays known.
 *
 * <p>A visitor is a customer of their own until they prove an email address with a mailed code
 * ({@link ChatEmailVerification}); an address they only typed is shown to agents as an unverified hint on their case
 * and is never used to find a customer.
 */
@Component
class ChatSocketHandler extends TextWebSocketHandler {

    static final int MAX_TEXT = 4_000;
    /** At most one "customer is typing" per window in this time, however fast the widget reports keystrokes. */
    static final Duration TYPING_EVERY = Duration.ofMillis(2_500);
    // Not "someone from our team will answer": the assistant may answer first, and then tells the visitor to ask for a
    // person; the two lines read as a promise taken back (walk 48).
    static final String RECEIVED = "Thanks, we got your message. We will answer here as soon as possible; you can "
            + "close this window, the conversation stays here.";
    // Followed by the queue notice ("An agent will join this chat soon: you are number 2 …"): this one says what happens
    // now, so the two do not read as the same line twice (walk of 4 December).
    static final String PERSON_ASKED = "You asked for a person: we are passing your chat to our team.";
    /**
     * The first message asks for a person: one notice that says both, where "received" and "person" (and then the
     * queue's) stood stacked (walk 45, N11); the widget folds the queue notice that follows into it.
     */
    static final String RECEIVED_PERSON_ASKED = "Thanks, we got your message. You asked for a person: we are passing "
            + "your chat to our team; you can close this window, the conversation stays here.";
    private static final String VISITOR = "visitor";
    private static final String CASE = "caseId";
    private static final String HINT = "emailHint";
    private static final String HINT_NOTED = "emailHintNoted";
    private static final String TYPED_AT = "typedAt";

    private final CaseIntake intake;
    private final CaseManagement cases;
    private final ChatSessions sessions;
    private final ChatEmailVerification verification;
    private final VisitorTokens tokens;
    private final ChatConversations conversations;
    private final ChatNotices notices;
    private final Deliveries deliveries;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Validator validator;
    private final ChatFloodGuard flood;
    private final ChatSocketLimits limits;

    /** A window says hello at once; a socket that has not within this time is closed. */
    static final Duration HELLO_WITHIN = Duration.ofSeconds(10);

    ChatSocketHandler(CaseIntake intake, CaseManagement cases, ChatSessions sessions, ChatEmailVerification verification,
                      VisitorTokens tokens, ChatConversations conversations, ChatNotices notices, Deliveries deliveries,
                      ApplicationEventPublisher events, ObjectMapper json, Validator validator, ChatProperties properties) {
        this.flood = new ChatFloodGuard(properties.newVisitorsPerAddressPerHour(), properties.messagesPerVisitorPerMinute(),
                properties.codesPerAddressPerHour(), java.time.Clock.systemUTC());
        this.limits = new ChatSocketLimits(properties.socketsPerAddress(), properties.sockets(), HELLO_WITHIN);
        this.intake = intake;
        this.cases = cases;
        this.sessions = sessions;
        this.verification = verification;
        this.tokens = tokens;
        this.conversations = conversations;
        this.notices = notices;
        this.deliveries = deliveries;
        this.events = events;
        this.json = json;
        this.validator = validator;
    }

    /** How many sockets one address, and all visitors, may hold; checked at the handshake. */
    ChatSocketLimits limits() {
        return limits;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        limits.opened(session, VISITOR);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        limits.closed(session);
        Object visitor = session.getAttributes().get(VISITOR);
        if (visitor != null) {
            sessions.closed(visitor.toString(), session);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage frame) throws IOException {
        JsonNode tree;
        try {
            tree = json.readTree(frame.getPayload());
        } catch (IOException e) {
            direct(session, Map.of("type", "error", "error", "frame is not JSON"));
            return;
        }
        ChatFrame message;
        try {
            // A frame that is JSON but no object has no type, and is answered as such below.
            message = tree != null && tree.isObject() ? json.treeToValue(tree, ChatFrame.class)
                    : new ChatFrame(null, null, null, null, null, null, null, null);
        } catch (IOException e) {
            direct(session, Map.of("type", "error", "error", "the fields of a frame are texts"));
            return;
        }
        String visitor = (String) session.getAttributes().get(VISITOR);
        if ("hello".equals(message.typeOrEmpty())) {
            if (visitor != null) {
                direct(session, Map.of("type", "error", "error", "this window said hello already"));
            } else {
                hello(session, message.token());
            }
            return;
        }
        if (visitor == null) {
            direct(session, Map.of("type", "error", "error", "the first frame is a hello with the visitor token, if any"));
            return;
        }
        switch (message.typeOrEmpty()) {
            case "message" -> receive(session, visitor, message);
            case "typing" -> typing(session, visitor);
            case "delivered" -> reached(session, visitor, message, DeliveryStatus.DELIVERED);
            case "read" -> reached(session, visitor, message, DeliveryStatus.READ);
            case "verify-email" -> requestCode(session, visitor, message);
            case "verify-code" -> confirm(visitor, message);
            // An older widget's way to give an address: now only a hint for agents, never a link to a customer.
            case "identify" -> hint(session, message);
            default -> direct(session, Map.of("type", "error", "error",
                    "type must be hello, message, typing, delivered, read, verify-email or verify-code"));
        }
    }

    /**
     * Knows the visitor by their token, or makes a new one when it is missing, forged or expired, and answers with a
     * renewed token and what the visitor may see of their conversation.
     */
    private void hello(WebSocketSession session, String token) throws IOException {
        Optional<String> known = tokens.visitorOf(token);
        if (known.isEmpty() && !flood.admitNewVisitor(address(session))) {
            direct(session, Map.of("type", "error", "error", "too many new conversations from your network; try again later"));
            session.close(CloseStatus.POLICY_VIOLATION.withReason("too many new visitors from this address"));
            return;
        }
        VisitorTokens.Issued issued = known.map(tokens::issue).orElseGet(tokens::issueForNewVisitor);
        String visitor = issued.visitor();
        session.getAttributes().put(VISITOR, visitor);
        sessions.opened(visitor, session);
        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("type", "welcome");
        welcome.put("visitor", visitor);
        welcome.put("token", issued.token());
        welcome.put("expires", issued.expires().toString());
        welcome.put("newVisitor", known.isEmpty());
        Optional<ChatConversations.Conversation> conversation = known.flatMap(conversations::of);
        welcome.put("history", conversation.map(ChatConversations.Conversation::entries).orElse(List.of()));
        conversation.ifPresent(c -> {
            welcome.put("caseId", c.caseId());
            session.getAttributes().put(CASE, c.caseId());
            sessions.onCase(visitor, c.caseId());
        });
        if (known.isPresent()) {
            verification.verifiedEmail(visitor).ifPresent(email -> welcome.put("verifiedEmail", email));
        }
        direct(session, welcome);
        // A visitor waiting for a person is told again where they stand, unless a person has answered already; who is
        // with them in the chat is told in any case (walk 47, N4: after a reload "Alex Agent has joined the
        // conversation." was gone, and nothing said who was there). "restored": the widget puts it where it belongs,
        // before that agent's first reply of the history.
        Optional<Map<String, Object>> standing = conversation.flatMap(c -> notices.queueNotice(c.caseId())
                .filter(frame -> !c.answeredByAPerson() || frame.get("agent") != null));
        if (standing.isPresent()) {
            standing.get().put("restored", true);
            direct(session, standing.get());
        }
    }

    private void receive(WebSocketSession session, String visitor, ChatFrame frame) throws IOException {
        ChatFrame.Message message = frame.message();
        if (!validator.validate(message).isEmpty()) {
            reply(visitor, Map.of("type", "error", "error", "a message needs an id (8-64 letters, digits, -) and 1-"
                    + MAX_TEXT + " characters of text"));
            return;
        }
        if (!flood.admitMessage(visitor)) {
            reply(visitor, Map.of("type", "error", "id", message.id(), "error",
                    "you are sending messages faster than we can read them; this one was not taken, send it again in a minute"));
            return;
        }
        String id = message.id();
        String text = message.text();
        String name = message.name();
        IntakeResult result = intake.receive(new InboundMessage(Channel.CHAT, visitor, name.isEmpty() ? null : name, text,
                "chat:" + visitor + ":" + id, null, null, null));
        long caseId = result.caseId().value();
        session.getAttributes().put(CASE, caseId);
        sessions.onCase(visitor, caseId);
        noteHint(session);
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("type", "ack");
        ack.put("id", id);
        ack.put("caseId", caseId);
        // The whole entry, so the visitor's other windows show the message too.
        // The text as stored (cleaned; for a resent id, the first text): the visitor's windows show what agents see.
        ack.put("entry", new ChatConversations.Entry("m-" + result.messageId(), result.messageId(),
                ChatConversations.Entry.CUSTOMER, null, result.text() == null ? text : result.text(), Instant.now(),
                "stored", id));
        reply(visitor, ack);
        if (result.duplicate()) {
            return;
        }
        if (PersonRequest.in(text)) {
            reply(visitor, notices.personAsked(caseId, result.newCase() ? RECEIVED_PERSON_ASKED : PERSON_ASKED));
        } else if (result.newCase()) {
            reply(visitor, notices.notice("received", RECEIVED));
        }
    }

    /** Tells the agents following the case that the customer is typing, at most every {@link #TYPING_EVERY}. */
    private void typing(WebSocketSession session, String visitor) {
        Long caseId = sessions.caseOf(visitor);
        if (caseId == null) {
            return;
        }
        Instant now = Instant.now();
        Object last = session.getAttributes().get(TYPED_AT);
        if (last instanceof Instant at && at.plus(TYPING_EVERY).isAfter(now)) {
            return;
        }
        session.getAttributes().put(TYPED_AT, now);
        events.publishEvent(new CustomerTyping(caseId));
    }

    /** The widget took (or the visitor saw) the replies up to the one named: shown on the case's timeline. */
    private void reached(WebSocketSession session, String visitor, ChatFrame frame, DeliveryStatus status)
            throws IOException {
        long upTo;
        try {
            upTo = Long.parseLong(frame.upTo() == null ? "" : frame.upTo().strip());
        } catch (NumberFormatException e) {
            direct(session, Map.of("type", "error", "error", "upTo is the id of a reply"));
            return;
        }
        deliveries.reachedUpTo(Channel.CHAT, visitor, upTo, status);
    }

    private void requestCode(WebSocketSession session, String visitor, ChatFrame message) throws IOException {
        if (!flood.admitCodeRequest(address(session))) {
            answer(visitor, Outcome.of(ChatEmailVerification.Status.TOO_MANY_REQUESTS));
            return;
        }
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
        String visitor = (String) session.getAttributes().get(VISITOR);
        if (!flood.admitMessage(visitor)) {
            reply(visitor, Map.of("type", "error", "error",
                    "you are sending faster than we can read; try again in a minute"));
            return;
        }
        EmailAddressRule.normalize(message.emailOrEmpty()).ifPresent(email -> {
            session.getAttributes().put(HINT, email);
            noteHint(session);
        });
        answer((String) session.getAttributes().get(VISITOR),
                Outcome.of(ChatEmailVerification.Status.NOT_VERIFIED));
    }

    /**
     * Shows agents, once per case and address, the address the visitor gave, marked as not verified; at most
     * {@link ChatFloodGuard#HINTS_PER_CASE_PER_HOUR} addresses a case an hour.
     */
    private void noteHint(WebSocketSession session) {
        Object caseId = session.getAttributes().get(CASE);
        Object email = session.getAttributes().get(HINT);
        if (caseId == null || email == null) {
            return;
        }
        String noted = caseId + " " + email;
        if (noted.equals(session.getAttributes().get(HINT_NOTED)) || !flood.admitHintNote((Long) caseId)) {
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

    /** Sends a frame to every window of the visitor (their other tabs see the conversation move on too). */
    private void reply(String visitor, Map<String, Object> frame) throws IOException {
        sessions.push(visitor, json.writeValueAsString(frame));
    }

    /** Sends a frame to this window only. */
    private static String address(WebSocketSession session) {
        java.net.InetSocketAddress remote = session.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }

    private void direct(WebSocketSession session, Map<String, Object> frame) throws IOException {
        sessions.send(session, json.writeValueAsString(frame));
    }
}
