package io.omnicase.channels.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.channels.MessageSender;
import io.omnicase.channels.SendFailedException;
import io.omnicase.customers.Channel;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Delivers agents' replies to the visitor's open chat windows. A visitor with no window open on this node gets the
 * reply as a failure worth retrying, so it reaches them when they come back (or through another node).
 */
@Component
class ChatSender implements MessageSender {

    private final ChatSessions sessions;
    private final ObjectMapper json;

    ChatSender(ChatSessions sessions, ObjectMapper json) {
        this.sessions = sessions;
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
        String frame;
        try {
            frame = json.writeValueAsString(Map.of("type", "reply", "text", message.text(), "caseId", message.caseId()));
        } catch (JsonProcessingException e) {
            throw new SendFailedException("reply not serialisable", true, e);
        }
        if (sessions.push(message.to(), frame) == 0) {
            throw new SendFailedException("visitor " + message.to() + " has no chat window open", false, null);
        }
        return "chat:reply:" + message.interactionId();
    }
}
