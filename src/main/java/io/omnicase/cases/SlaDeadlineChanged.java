package io.omnicase.cases;

import java.time.Instant;

/**
 * A person changed a case's priority and with it the case's SLA deadline (the new priority's SLA counted from when
 * the case reached its queue). {@code dueBefore} is null when the case had no deadline before.
 */
public record SlaDeadlineChanged(long caseId, long customerId, String changedBy, Integer priorityBefore,
                                 int priorityAfter, Instant dueBefore, Instant dueAfter, String reason,
                                 Instant occurredAt) {
}
