package io.omnicase.assistant.internal;

import io.omnicase.cases.CaseDataErased;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the assistant learnt from erased cases (examples: the customer's question and the answer) and its attempts on
 * them go with the case's data; the search index's copies are removed after commit by the erasure itself.
 */
@Component
class LearnedDataErasure {

    private final JdbcClient jdbc;

    LearnedDataErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CaseDataErased erased) {
        jdbc.sql("DELETE FROM assistant_examples WHERE case_id IN (:cases)").param("cases", erased.caseIds()).update();
        jdbc.sql("DELETE FROM assistant_attempts WHERE case_id IN (:cases)").param("cases", erased.caseIds()).update();
    }
}
