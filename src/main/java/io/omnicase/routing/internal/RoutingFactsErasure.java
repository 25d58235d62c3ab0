package io.omnicase.routing.internal;

import io.omnicase.cases.CaseDataErased;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The facts routing kept of erased cases (they quote the customer's message) go with the case's data. */
@Component
class RoutingFactsErasure {

    private final JdbcClient jdbc;

    RoutingFactsErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CaseDataErased erased) {
        jdbc.sql("DELETE FROM routing_facts WHERE case_id IN (:cases)").param("cases", erased.caseIds()).update();
    }
}
