package io.omnicase.assistant;

import io.omnicase.assistant.internal.AttemptStore;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CustomerMessage;
import io.omnicase.cases.SenderCheck;
import io.omnicase.customers.Channel;
import io.omnicase.sentiment.Sentiment;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A self-service turn started for an earlier message of a case may meet a newer mail whose sender the mail server
 * found forged (routing sends such a case to a person, but the turn already runs): no answer goes to that sender.
 */
class SelfServiceSenderTest {

    private final Assistant assistant = mock(Assistant.class);
    private final CaseManagement cases = mock(CaseManagement.class);
    private final SelfService selfService = new SelfService(assistant, cases, mock(AttemptStore.class));
    private final CaseId caseId = new CaseId(7);

    @Test
    void aTurnMeetingAForgedSenderAnswersNothingAndSaysWhyOnTheCase() {
        customerWrote(SenderCheck.notVerified("dmarc=fail according to mx.example.com"));

        SelfService.Turn turn = selfService.respond(caseId, 0);

        assertThat(turn.outcome()).isEqualTo(SelfService.Outcome.HAND_OVER);
        verify(cases, never()).reply(any(), anyString(), anyString());
        verify(assistant, never()).ask(anyString(), any());
        verify(cases).recordNote(eq(caseId), eq(CaseManagement.ASSISTANT), contains("dmarc=fail according to mx.example.com"), anyMap());
    }

    @Test
    void aVerifiedOrUncheckedSenderIsAnsweredAsBefore() {
        customerWrote(SenderCheck.VERIFIED);
        when(assistant.ask(anyString(), any())).thenReturn(new AssistantAnswer(true, "Under Settings, Password.", "ACCOUNT",
                0.9, java.util.List.of(), null, false));

        SelfService.Turn turn = selfService.respond(caseId, 0);

        assertThat(turn.outcome()).isEqualTo(SelfService.Outcome.ANSWERED);
        verify(cases).reply(eq(caseId), eq(CaseManagement.ASSISTANT), contains("Under Settings, Password."));
    }

    private void customerWrote(SenderCheck sender) {
        when(cases.lastCorrespondent(caseId)).thenReturn(Optional.of(new CaseManagement.Correspondent(Channel.EMAIL, "ceo@example.com")));
        when(cases.latestCustomerMessage(caseId)).thenReturn(Optional.of(new CustomerMessage(caseId.value(),
                "How do I reset my password?", Sentiment.NEUTRAL, Instant.now(), sender)));
    }
}
