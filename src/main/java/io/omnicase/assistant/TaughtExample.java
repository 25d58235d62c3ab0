package io.omnicase.assistant;

import java.time.Instant;

/**
 * An example as a reviewer sees it: what it says, who taught it and when, and whether a supervisor reviewed it.
 *
 * @param origin     {@code agent} (an agent taught it, unreviewed), {@code agent-reviewed}, {@code api} (a supervisor
 *                   or admin taught it), {@code resolved-case}, or an evaluation run's
 * @param taughtBy   a login; null when the teacher was not recorded (shown as an unknown author)
 * @param unreviewed true while an agent's example waits for a supervisor: it answers colleagues only, never
 *                   customers, never reads "high", and stays out of the topic statistics
 * @param caseId     the resolved case it was learned from, or null
 */
public record TaughtExample(long id, String question, String answer, String topic, String origin, String taughtBy,
                            Instant taughtAt, boolean unreviewed, String reviewedBy, Instant reviewedAt, Long caseId,
                            String queue) {
}
