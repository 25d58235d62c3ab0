package io.omnicase.audit.internal;

import io.omnicase.cases.CaseRead;
import io.omnicase.cases.DeliveryShown;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
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
        listeners.on(new DeliveryShown(1, 84, "FAILED", "sending by WhatsApp is switched off on this server"));

        ArgumentCaptor<AuditRecord> entry = ArgumentCaptor.forClass(AuditRecord.class);
        verify(log).record(entry.capture());
        assertThat(entry.getValue().kind()).isEqualTo("reply.failed");
        assertThat(entry.getValue().caseId()).isEqualTo(1L);
        assertThat(entry.getValue().actor()).isEqualTo("channel");
        assertThat(entry.getValue().content()).containsEntry("interactionId", 84L)
                .containsEntry("error", "sending by WhatsApp is switched off on this server");
    }

    /**
     * Walk 49: opening a case on the desk made two "Case read" entries. Its half-dozen requests finish in any order, and
     * a read stamped a few milliseconds before the recorded one counted as a new look.
     */
    @Test
    void oneLookAtACaseIsOneEntryWhateverOrderItsRequestsFinishIn() {
        java.time.Instant opened = java.time.Instant.parse("2026-12-05T10:00:00.050Z");
        listeners.on(new CaseRead(7, 3, "agent", opened));
        listeners.on(new CaseRead(7, 3, "agent", opened.minusMillis(40)));
        listeners.on(new CaseRead(7, 3, "agent", opened.plusSeconds(20)));
        listeners.on(new CaseRead(7, 3, "supervisor", opened.plusMillis(5)));
        listeners.on(new CaseRead(8, 3, "agent", opened.plusMillis(5)));
        ArgumentCaptor<AuditRecord> entries = ArgumentCaptor.forClass(AuditRecord.class);
        verify(log, times(3)).record(entries.capture());
        assertThat(entries.getAllValues()).extracting(AuditRecord::kind).containsOnly("case.read");

        // The same user a window later: another look.
        listeners.on(new CaseRead(7, 3, "agent", opened.plus(AuditListeners.READ_WINDOW)));
        verify(log, times(4)).record(any());
    }

    @Test
    void sentDeliveredAndReadStayOnTheTimelineOnly() {
        listeners.on(new DeliveryShown(1, 84, "SENT", null));
        listeners.on(new DeliveryShown(1, 84, "DELIVERED", null));
        listeners.on(new DeliveryShown(1, 84, "READ", null));
        verify(log, never()).record(any());
    }
}
