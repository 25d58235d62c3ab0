package io.omnicase.assistant;

import io.omnicase.support.Api;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * Removes the examples a test taught through the API, as a supervisor would, so the knowledge (and the statistics the
 * confidence is read in) is for the next test class what it was before: the test JVM shares one knowledge index, and
 * near-identical phrasings of one topic left behind moved other classes' answers across the threshold.
 */
final class TaughtExamplesCleanup {

    private final JdbcClient jdbc;
    private final int port;
    private long before;

    TaughtExamplesCleanup(JdbcClient jdbc, int port) {
        this.jdbc = jdbc;
        this.port = port;
    }

    void remember() {
        before = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM assistant_examples").query(Long.class).single();
    }

    void removeTaughtSince() {
        List<Long> taught = jdbc.sql("SELECT id FROM assistant_examples WHERE id > ? AND case_id IS NULL")
                .param(before).query(Long.class).list();
        for (long id : taught) {
            int status = Api.as(port, "supervisor").delete("/api/assistant/examples/" + id).status();
            if (status != 204 && status != 404) {
                throw new AssertionError("Could not remove example " + id + ": " + status);
            }
        }
    }
}
