package io.omnicase.channels.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseStatus;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.InteractionRecorded;
import io.omnicase.http.LivePushes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * What the chat visitor is told when the case process writes on a resolved case. Walk 49: a visitor who thanked for the
 * answer ("Great, thank you, that works for me!") read "We have marked this conversation as resolved. If you still need
 * help, just write here" a second time, under the thanks they had just written: the case's "The customer confirmed the
 * resolution; the case stays resolved" note was taken for the resolution.
 */
class ChatNoticesTest {

    private final ChatSessions sessions = mock(ChatSessions.class);
    private final ChatNotices notices = new ChatNotices(sessions, mock(ChatConversations.class), new ObjectMapper(),
            mock(LivePushes.class));

    private static InteractionRecorded status(String text) {
        return new InteractionRecorded(1, 42, 7, InteractionKind.STATUS, null, "case", text, CaseStatus.RESOLVED,
                Instant.now());
    }

    @Test
    void theResolutionTellsTheVisitorTheConversationIsResolved() {
        when(sessions.visitorsOn(42)).thenReturn(Set.of("v1"));
        notices.on(status(CaseManagement.RESOLVED_BY + "Alex Agent: exchange booked"));
        verify(sessions).push(eq("v1"), contains("marked this conversation as resolved"));
    }

    @Test
    void aNoteOnAResolvedCaseDoesNotSayItAgain() {
        when(sessions.visitorsOn(42)).thenReturn(Set.of("v1"));
        notices.on(status("The customer confirmed the resolution; the case stays resolved"));
        verify(sessions, never()).push(anyString(), anyString());
    }
}
