package io.omnicase.cases;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Erases the personal data of cases from the system of record, for a customer's erasure or when the retention period
 * of a closed case ran out: every message and note text, the customer's addresses on the timeline, provider message
 * ids and thread references, the subject, and outstanding event publications that still carry them. What stays is
 * the skeleton auditors need: which entries existed, of which kind, when, and the routing decisions' outcome.
 */
@Service
public class CaseErasure {

    /** The text an erased timeline entry shows. */
    public static final String ERASED = "[erased]";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    CaseErasure(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Erases the cases (in the caller's transaction) and publishes {@link CaseDataErased} inside it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void erase(List<Long> caseIds, String by) {
        if (caseIds.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        jdbc.sql("UPDATE interactions SET body = :erased, provider_message_id = NULL, thread_ref = NULL, "
                        + "author = CASE WHEN kind = 'INBOUND' THEN NULL ELSE author END, "
                        + "detail = CASE WHEN kind = 'DECISION' THEN detail ELSE NULL END WHERE case_id IN (:cases)")
                .param("erased", ERASED).param("cases", caseIds).update();
        jdbc.sql("DELETE FROM case_threads WHERE case_id IN (:cases)").param("cases", caseIds).update();
        jdbc.sql("UPDATE cases SET subject = NULL, anonymised_at = :now, status = 'CLOSED', "
                        + "closed_at = COALESCE(closed_at, :now), updated_at = :now WHERE id IN (:cases)")
                .param("now", Timestamp.from(now)).param("cases", caseIds).update();
        for (long caseId : caseIds) {
            // Events not yet delivered (indexing, process) would carry the texts on, or put them back.
            jdbc.sql("DELETE FROM EVENT_PUBLICATION WHERE COMPLETION_DATE IS NULL AND (SERIALIZED_EVENT LIKE ? "
                            + "OR SERIALIZED_EVENT LIKE ?)")
                    .params("%\"caseId\":" + caseId + ",%", "%\"caseId\":" + caseId + "}%").update();
        }
        events.publishEvent(new CaseDataErased(caseIds, by, now));
    }

    /** Closed cases not erased yet that closed before a moment, oldest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<Long> closedBefore(Instant before, int limit) {
        return jdbc.sql("SELECT id FROM cases WHERE status = 'CLOSED' AND anonymised_at IS NULL AND closed_at < ? "
                        + "ORDER BY closed_at LIMIT ?")
                .params(Timestamp.from(before), limit).query(Long.class).list();
    }
}
