package io.omnicase.routing.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The facts each routing decision read, in MariaDB: what a dry run replays. The decision itself is recorded once, on
 * the case's timeline.
 */
@Repository
public class RoutingFactsStore {

    private final JdbcClient jdbc;

    RoutingFactsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(long caseId, String factsJson, Instant decidedAt) {
        jdbc.sql("INSERT INTO routing_facts (case_id, facts, decided_at) VALUES (?, ?, ?)")
                .params(caseId, factsJson, Timestamp.from(decidedAt)).update();
    }

    /** The latest decision's facts of each of the most recently decided cases, newest first. */
    public List<RecordedFacts> latest(int cases) {
        return jdbc.sql("SELECT f.case_id, f.facts, f.decided_at FROM routing_facts f JOIN "
                        + "(SELECT case_id, MAX(id) AS id FROM routing_facts GROUP BY case_id ORDER BY MAX(id) DESC LIMIT ?) l "
                        + "ON l.id = f.id ORDER BY f.id DESC")
                .param(cases)
                .query((rs, n) -> new RecordedFacts(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    /** The facts a decision read, as stored JSON. */
    public record RecordedFacts(long caseId, String factsJson, Instant decidedAt) {
    }
}
