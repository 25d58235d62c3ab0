package io.omnicase.assistant.internal;

import io.omnicase.assistant.Example;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Resolved examples in MariaDB, the system of record; the knowledge index is derived from it. */
@Repository
public class ExampleStore {

    private final JdbcClient jdbc;

    ExampleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A stored example with its id.
     *
     * @param caseId the resolved case it was learned from, or null
     * @param queue  that case's queue (lower case), or null
     */
    public record StoredExample(long id, Example example, String origin, Long caseId, String queue) {
    }

    private static final String COLUMNS = "id, question, answer, topic, origin, case_id, queue";

    private static StoredExample row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long caseId = rs.getLong(6);
        Long theCase = rs.wasNull() ? null : caseId;
        return new StoredExample(rs.getLong(1), new Example(rs.getString(2), rs.getString(3), rs.getString(4)),
                rs.getString(5), theCase, rs.getString(7));
    }

    /**
     * Stores an example once per source key (a resolved case's event may be delivered twice); returns its id.
     */
    public long add(Example example, String origin, String sourceKey, String createdBy) {
        return add(example, origin, sourceKey, createdBy, null, null);
    }

    /** As {@link #add(Example, String, String, String)}, for an example learned from a case in a queue. */
    public long add(Example example, String origin, String sourceKey, String createdBy, Long caseId, String queue) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO assistant_examples (question, answer, topic, origin, source_key, created_by, created_at, "
                        + "case_id, queue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)")
                .params(example.question(), example.answer(), example.topic(), origin, sourceKey, createdBy,
                        Timestamp.from(Instant.now()), caseId, queue)
                .update(key, "id");
        return Objects.requireNonNull(key.getKey()).longValue();
    }

    public List<StoredExample> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM assistant_examples ORDER BY id")
                .query((rs, n) -> row(rs)).list();
    }

    public List<StoredExample> ofOrigin(String origin) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM assistant_examples WHERE origin = ? ORDER BY id")
                .param(origin)
                .query((rs, n) -> row(rs)).list();
    }

    public void removeOrigin(String origin) {
        jdbc.sql("DELETE FROM assistant_examples WHERE origin = ?").param(origin).update();
    }
}
