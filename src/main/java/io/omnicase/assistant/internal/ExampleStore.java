package io.omnicase.assistant.internal;

import io.omnicase.assistant.Example;
import io.omnicase.search.KnowledgeScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
     * @param caseId     the resolved case it was learned from, or null
     * @param queue      that case's queue (lower case), or null
     * @param createdBy  who taught it (a login; the resolving agent for a case's example); null when not recorded
     * @param reviewedBy the supervisor who reviewed an agent's example, or null
     */
    public record StoredExample(long id, Example example, String origin, Long caseId, String queue, String createdBy,
                                Instant createdAt, String reviewedBy, Instant reviewedAt) {

        public StoredExample(long id, Example example, String origin, Long caseId, String queue) {
            this(id, example, origin, caseId, queue, null, null, null, null);
        }
    }

    /**
     * Which examples to list.
     *
     * @param author  only those this login taught; null for all
     * @param topic   only this topic; null for all
     * @param origins only these origins; empty for all
     */
    public record Filter(String author, String topic, List<String> origins) {
        public Filter {
            origins = origins == null ? List.of() : List.copyOf(origins);
        }
    }

    /** One page of examples, newest first, and how many match in all. */
    public record Page(List<StoredExample> examples, long total) {
    }

    private static final String COLUMNS = "id, question, answer, topic, origin, case_id, queue, created_by, created_at, "
            + "reviewed_by, reviewed_at";

    private static StoredExample row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long caseId = rs.getLong(6);
        Long theCase = rs.wasNull() ? null : caseId;
        return new StoredExample(rs.getLong(1), new Example(rs.getString(2), rs.getString(3), rs.getString(4)),
                rs.getString(5), theCase, rs.getString(7), rs.getString(8), instant(rs.getTimestamp(9)),
                rs.getString(10), instant(rs.getTimestamp(11)));
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
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

    public Optional<StoredExample> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM assistant_examples WHERE id = ?").param(id)
                .query((rs, n) -> row(rs)).optional();
    }

    /** The examples with these ids (those that still exist), by id. */
    public Map<Long, StoredExample> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, StoredExample> found = new HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM assistant_examples WHERE id IN (:ids)").param("ids", ids)
                .query((rs, n) -> row(rs)).list().forEach(e -> found.put(e.id(), e));
        return found;
    }

    /** A page of the examples that match, newest first. */
    public Page page(Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.author() != null) {
            where.append(" AND created_by = :author");
            params.put("author", filter.author());
        }
        if (filter.topic() != null) {
            where.append(" AND topic = :topic");
            params.put("topic", filter.topic());
        }
        if (!filter.origins().isEmpty()) {
            where.append(" AND origin IN (:origins)");
            params.put("origins", filter.origins());
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM assistant_examples" + where).params(params)
                .query(Long.class).single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<StoredExample> rows = jdbc.sql("SELECT " + COLUMNS + " FROM assistant_examples" + where
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset").params(params)
                .query((rs, n) -> row(rs)).list();
        return new Page(rows, total);
    }

    /** Removes one example; answers whether it was there. */
    public boolean remove(long id) {
        return jdbc.sql("DELETE FROM assistant_examples WHERE id = ?").param(id).update() > 0;
    }

    /**
     * Marks an agent's example reviewed: from now on it is shared like a supervisor's own. Answers whether it was an
     * unreviewed agent's example (only those change).
     */
    public boolean markReviewed(long id, String by, Instant at) {
        return jdbc.sql("UPDATE assistant_examples SET origin = ?, reviewed_by = ?, reviewed_at = ? "
                        + "WHERE id = ? AND origin = ?")
                .params(KnowledgeScope.REVIEWED, by, Timestamp.from(at), id, KnowledgeScope.UNREVIEWED).update() > 0;
    }

    public void removeOrigin(String origin) {
        jdbc.sql("DELETE FROM assistant_examples WHERE origin = ?").param(origin).update();
    }
}
