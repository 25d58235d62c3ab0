package io.omnicase.supervision;

import java.time.Instant;
import java.util.List;

/**
 * Something a supervisor should look at now, as a module raises it into the floor's alert feed.
 *
 * @param kind    what sort of alert, a short lower-case word ("sla-breached", "sentiment-falling", "spike")
 * @param title   one line a supervisor reads first
 * @param detail  more words; may be null
 * @param caseIds the cases it is about (the floor links each); empty for a floor-wide alert
 * @param at      when it happened; null means now
 */
public record FloorAlert(String kind, String title, String detail, List<Long> caseIds, Instant at) {

    public FloorAlert {
        caseIds = caseIds == null ? List.of() : List.copyOf(caseIds);
    }
}
