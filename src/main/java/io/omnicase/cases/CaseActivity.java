package io.omnicase.cases;

import io.omnicase.customers.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happened on cases over time, for a floor that watches them live: customer messages per hour, channel and queue
 * with their mood, and when people last wrote on a timeline. Reads only; callers decide who may see which queue.
 */
@Service
public class CaseActivity {

    private final JdbcClient jdbc;

    CaseActivity(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Customer messages since a moment, per hour (UTC, the hour's start), queue (a case not routed yet counts in the
     * rules' default queue) and channel, with their average sentiment; of the queues given, or every queue when
     * {@code queues} is null.
     */
    @Transactional(readOnly = true)
    public List<HourlyMessages> customerMessagesPerHour(Instant since, Set<String> queues) {
        String inQueues = queues == null ? "" : " AND COALESCE(LOWER(c.queue), :unrouted) IN (:queues)";
        var statement = jdbc.sql("SELECT COALESCE(LOWER(c.queue), :unrouted) AS q, i.channel, "
                        + "FLOOR(UNIX_TIMESTAMP(i.occurred_at) / 3600) AS h, COUNT(*) AS n, AVG(i.sentiment_score) AS s "
                        + "FROM interactions i JOIN cases c ON c.id = i.case_id "
                        + "WHERE i.kind = 'INBOUND' AND i.occurred_at >= :since" + inQueues + " GROUP BY q, i.channel, h")
                .param("unrouted", CaseAccess.UNROUTED_QUEUE).param("since", Timestamp.from(since));
        if (queues != null) {
            statement = statement.param("queues", queues.isEmpty() ? List.of("-") : List.copyOf(queues));
        }
        return statement.query((rs, n) -> new HourlyMessages(
                        Instant.ofEpochSecond(rs.getLong("h") * 3600),
                        rs.getString("q"), rs.getString("channel") == null ? null : Channel.valueOf(rs.getString("channel")),
                        rs.getInt("n"), rs.getObject("s", Double.class)))
                .list();
    }

    /** When each of these people last wrote anything on a case's timeline (a reply, a note, a change); absent when never. */
    @Transactional(readOnly = true)
    public Map<String, Instant> lastWrittenBy(Collection<String> authors) {
        Map<String, Instant> last = new HashMap<>();
        if (authors.isEmpty()) {
            return last;
        }
        jdbc.sql("SELECT author, MAX(occurred_at) FROM interactions WHERE author IN (:authors) GROUP BY author")
                .param("authors", List.copyOf(authors))
                .query(rs -> {
                    last.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
        return last;
    }

    /**
     * Customer messages of one hour, queue and channel.
     *
     * @param averageSentiment the mean score of those messages that have one; null when none has
     */
    public record HourlyMessages(Instant hour, String queue, Channel channel, int messages, Double averageSentiment) {
    }
}
