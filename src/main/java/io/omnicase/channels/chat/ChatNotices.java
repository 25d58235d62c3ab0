package io.omnicase.channels.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.InteractionRecorded;
import io.omnicase.desk.AgentTyping;
import io.omnicase.http.LivePushes;
import io.omnicase.process.CaseTaskAssigned;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps a waiting chat visitor informed while nobody has answered yet: when their case reaches a person's queue ("an
 * agent will join", with their place in the queue), when an agent is typing, and when the case is resolved. Best
 * effort, to the windows open on this node: a visitor who comes back is told where they stand in the welcome.
 */
@Component
class ChatNotices {

    /** The author of status changes on the timeline (see CaseManagement): the case process moved the case. */
    private static final String CASE_PROCESS = "case";
    static final String RESOLVED = "We have marked this conversation as resolved. If you still need help, just write "
            + "here and we will pick it up again.";

    private final ChatSessions sessions;
    private final ChatConversations conversations;
    private final ObjectMapper json;
    private final LivePushes pushes;

    ChatNotices(ChatSessions sessions, ChatConversations conversations, ObjectMapper json, LivePushes pushes) {
        this.sessions = sessions;
        this.conversations = conversations;
        this.json = json;
        this.pushes = pushes;
    }

    /** A notice frame: {@code kind} for the widget's logic, {@code text} to show. */
    Map<String, Object> notice(String kind, String text) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "notice");
        frame.put("kind", kind);
        frame.put("text", text);
        return frame;
    }

    /** Where the visitor's case stands with a person: waiting at a place in the queue, or joined by an agent. */
    Optional<Map<String, Object>> queueNotice(long caseId) {
        return conversations.queueState(caseId).map(state -> {
            if (state.agent() != null) {
                Map<String, Object> frame = notice("agent-joined", state.agent() + " has joined the conversation.");
                frame.put("agent", state.agent());
                return frame;
            }
            Map<String, Object> frame = notice("queue", waiting(state.position()));
            frame.put("position", state.position());
            return frame;
        });
    }

    /**
     * The answer to a visitor who asks for a person: where they stand with one, said as an answer to the request. A
     * visitor already waiting was sent the queue notice again, which the widget shows once: asking for a person
     * mid-chat then got no visible answer (walk 42).
     */
    Map<String, Object> personAsked(long caseId, String whenNotWithAPersonYet) {
        return queueNotice(caseId).map(state -> {
            Object position = state.get("position");
            Map<String, Object> frame = notice("person", position == null
                    ? "You asked for a person: " + state.get("agent") + " is with you in this chat."
                    : "You asked for a person: an agent will join this chat soon, "
                    + ((Integer) position <= 1 ? "you are next in the queue." : "you are number " + position + " in the queue."));
            if (position != null) {
                frame.put("position", position);
            }
            return frame;
        }).orElseGet(() -> notice("person", whenNotWithAPersonYet));
    }

    static String waiting(int position) {
        return "An agent will join this chat soon: " + (position <= 1 ? "you are next in the queue."
                : "you are number " + position + " in the queue.");
    }

    // Only the case process's changes of state: the condition is read before the event publication is stored, so
    // every other timeline entry (most of them) costs no publication row and no thread (issue 18).
    @Async
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true,
            condition = "#root.args[0].kind().name() == 'STATUS' and #root.args[0].author() == 'case'")
    void on(InteractionRecorded recorded) {
        if (recorded.kind() != InteractionKind.STATUS || !CASE_PROCESS.equals(recorded.author())) {
            return;
        }
        Set<String> visitors = sessions.visitorsOn(recorded.caseId());
        if (visitors.isEmpty()) {
            return;
        }
        Optional<Map<String, Object>> frame = switch (recorded.caseStatus()) {
            case ESCALATED -> queueNotice(recorded.caseId());
            // The resolution itself, not a note the case process adds to a resolved case: the visitor who thanked for
            // the answer was told again "…resolved. If you still need help, just write here" (walk 49).
            case RESOLVED -> recorded.text() != null && recorded.text().startsWith(CaseManagement.RESOLVED_BY)
                    ? Optional.of(notice("resolved", RESOLVED)) : Optional.empty();
            default -> Optional.empty();
        };
        frame.ifPresent(f -> visitors.forEach(visitor -> push(visitor, f)));
    }

    /** An agent takes the case (a claim, a hand-over): the waiting visitor is told who joined, once it is committed. */
    @EventListener
    void on(CaseTaskAssigned assigned) {
        if (assigned.assignee() == null || sessions.visitorsOn(assigned.caseId()).isEmpty()) {
            return;
        }
        pushes.afterCommit(() -> queueNotice(assigned.caseId())
                .filter(frame -> "agent-joined".equals(frame.get("kind")))
                .ifPresent(frame -> sessions.visitorsOn(assigned.caseId()).forEach(visitor -> push(visitor, frame))));
    }

    /** An agent types on the case: "Alex is typing…" in the visitor's windows. */
    @EventListener
    void on(AgentTyping typing) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "typing");
        frame.put("who", "agent");
        frame.put("name", typing.displayName());
        sessions.visitorsOn(typing.caseId()).forEach(visitor -> push(visitor, frame));
    }

    private void push(String visitor, Map<String, Object> frame) {
        try {
            sessions.push(visitor, json.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notice not serialisable", e);
        }
    }
}
