package io.omnicase.cases;

import java.time.Instant;

/**
 * A case as a work list shows it in one row: the case, the newest thing its customer wrote, and since when the customer
 * waits for a person.
 *
 * @param lastMessage  the text of the customer's newest message; null before the first
 * @param waitingSince when the oldest customer message that no person answered yet arrived; null when every message
 *                     was answered (the assistant's replies do not count as an answer)
 */
public record CaseOverview(CaseView view, String lastMessage, Instant waitingSince) {
}
