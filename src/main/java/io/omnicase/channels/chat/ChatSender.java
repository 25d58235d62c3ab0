package io.omnicase.channels.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.channels.MessageSender;
import io.omnicase.channels.SendFailedException;
import io.omnicase.customers.Channel;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Delivers agents' replies to the visitor's open chat windows, with the author's name and time. A visitor with no window open on this node gets the
 * reply as a failure worth retrying, so it reaches them when they come back (or through another node).
 */
@Component
class ChatSender implements MessageSender {

    private final ChatSessions sessions;
    private final ChatConversations conversations;
    private final ObjectMapper json;

    ChatSender(ChatSessions sessions, ChatConversations conversations, ObjectMapper json) {
        this.sessions = sessions;
        this.conversations = conversations;
        this.json = json;
    }

    @Override
    public Channel channel() {
        return Channel.CHAT;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public String send(OutboundMessage message) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("type", "reply");
        reply.put("caseId", message.caseId());
        reply.put("text", message.text());
        // The reply as the widget shows it: who wrote it and when; the socket taking it is its delivery.
        conversations.reply(message.caseId(), message.interactionId(), message.to()).ifPresent(entry -> {
            reply.put("entry", entry);
        });
        String frame;
        try {
            frame = json.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            throw new SendFailedException("reply not serialisable", true, e);
        }
        if (sessions.push(message.to(), frame) == 0) {
            throw new SendFailedException("visitor " + message.to() + " has no chat window open", false, null);
        }
        return "chat:reply:" + message.interactionId();
    }
}
