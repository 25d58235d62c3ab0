package io.omnicase.audit.internal;

import io.omnicase.cases.DeliveryShown;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.ArgumentMatchers.any;

/**
 * Walk 46: a reply the channel never sent (WhatsApp switched off) stood on the audit trail as "Reply handed to the
 * channel" and nothing after it, so an auditor read it as sent.
 */
class AuditListenersTest {

    private final AuditLog log = mock(AuditLog.class);
    private final AuditListeners listeners = new AuditListeners(log);

    @Test
    void aReplyThatWasNotSentIsOnTheTrailWithItsReason() {
        listeners.on(new DeliveryShown(1, 84, "FAILED", "sending by whatsapp is switched off on this server"));

        ArgumentCaptor<AuditRecord> entry = ArgumentCaptor.forClass(AuditRecord.class);
        verify(log).record(entry.capture());
        assertThat(entry.getValue().kind()).isEqualTo("reply.failed");
        assertThat(entry.getValue().caseId()).isEqualTo(1L);
        assertThat(entry.getValue().actor()).isEqualTo("channel");
        assertThat(entry.getValue().content()).containsEntry("interactionId", 84L)
                .containsEntry("error", "sending by whatsapp is switched off on this server");
    }

    @Test
    void sentDeliveredAndReadStayOnTheTimelineOnly() {
        listeners.on(new DeliveryShown(1, 84, "SENT", null));
        listeners.on(new DeliveryShown(1, 84, "DELIVERED", null));
        listeners.on(new DeliveryShown(1, 84, "READ", null));
        verify(log, never()).record(any());
    }
}
