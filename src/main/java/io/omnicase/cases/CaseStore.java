package io.omnicase.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.customers.Channel;
import io.omnicase.sentiment.RollingSentiment;
import io.omnicase.sentiment.Sentiment;
import io.omnicase.sentiment.SentimentLabel;
import io.omnicase.sentiment.SentimentTrend;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cases, threads and timeline entries in MariaDB. */
@Repository
class CaseStore {

    private static final String CASE_COLUMNS = "id, customer_id, status, subject, channel, queue, priority, reopen_count, "
            + "opened_at, updated_at, resolved_at, closed_at, sentiment, sentiment_trend, sentiment_messages";
    private static final RowMapper<CaseView> CASE = CaseStore::caseView;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    CaseStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * A stored message: the case it is on, its own id, who wrote it (the normalised address, or null once erased) and
     * its text.
     */
    record StoredMessage(long caseId, long messageId, String author, String text) {
    }

    /** The stored message with this provider id. */
    Optional<StoredMessage> findMessage(Channel channel, String providerMessageId) {
        return jdbc.sql("SELECT case_id, id, author, body FROM interactions WHERE channel = ? AND provider_message_id = ?")
                .params(channel.name(), providerMessageId)
                .query((rs, n) -> new StoredMessage(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    Optional<CaseView> caseOfThread(Channel channel, String threadRef) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM cases WHERE id = "
                        + "(SELECT case_id FROM case_threads WHERE channel = ? AND thread_ref = ?)")
                .params(channel.name(), threadRef).query(CASE).optional();
    }

    Optional<CaseView> latestOpenCaseOf(long customerId) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM cases WHERE customer_id = ? AND status <> 'CLOSED' "
                        + "ORDER BY updated_at DESC, id DESC LIMIT 1")
                .param(customerId).query(CASE).optional();
    }

    long insertCase(long customerId, Channel channel, String subject, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO cases (customer_id, status, subject, channel, opened_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(customerId, CaseStatus.NEW.name(), subject, channel.name(), ts(now), ts(now)).update(key);
        return key.getKey().longValue();
    }

    void linkThread(Channel channel, String threadRef, long caseId) {
        jdbc.sql("INSERT INTO case_threads (channel, thread_ref, case_id) VALUES (?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE case_id = VALUES(case_id)")
                .params(channel.name(), threadRef, caseId).update();
    }

    long insertInteraction(long caseId, InteractionKind kind, Channel channel, String author, String body,
                           String providerMessageId, String threadRef, EntryDetail detail, Instant occurredAt) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO interactions (case_id, kind, channel, author, body, provider_message_id, thread_ref, detail, "
                        + "occurred_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(caseId, kind.name(), channel == null ? null : channel.name(), author, body, providerMessageId, threadRef,
                        detail == null ? null : write(detail), ts(occurredAt), ts(Instant.now()))
                .update(key);
        return key.getKey().longValue();
    }

    /**
     * Stores a message's sentiment, rolls it into its case's sentiment (from {@code before}, the case's as the caller
     * read it under the case's lock) and marks the case as updated, in one write of the case's row.
     */
    RollingSentiment recordSentiment(long caseId, long messageId, Sentiment sentiment, RollingSentiment before, Instant now) {
        jdbc.sql("UPDATE interactions SET sentiment_score = ?, sentiment_label = ?, sentiment_uncertain = ?, "
                        + "sentiment_fallback = ?, sentiment_language = ? WHERE id = ?")
                .params(sentiment.score(), sentiment.label().name(), sentiment.uncertain(), sentiment.fallback(),
                        sentiment.language(), messageId).update();
        RollingSentiment mood = before.next(sentiment);
        jdbc.sql("UPDATE cases SET sentiment = ?, sentiment_trend = ?, sentiment_messages = ?, updated_at = ? WHERE id = ?")
                .params(mood.value(), mood.trend().name(), mood.messages(), ts(now), caseId).update();
        return mood;
    }

    /** A customer's messages since a moment, newest first, across all their cases. */
    List<CustomerMessage> customerMessagesSince(long customerId, Instant since, int limit) {
        return jdbc.sql("SELECT i.case_id, i.body, i.sentiment_score, i.occurred_at, i.sender_check, i.sender_check_detail "
                        + "FROM interactions i JOIN cases c ON c.id = i.case_id WHERE c.customer_id = ? AND i.kind = 'INBOUND' "
                        + "AND i.occurred_at >= ? ORDER BY i.id DESC LIMIT ?")
                .params(customerId, ts(since), limit)
                .query((rs, n) -> new CustomerMessage(rs.getLong(1), rs.getString(2), sentiment(rs, 3, null),
                        rs.getTimestamp(4).toInstant(), senderCheck(rs.getString(5), rs.getString(6))))
                .list();
    }

    Optional<CustomerMessage> latestInbound(long caseId) {
        return jdbc.sql("SELECT case_id, body, sentiment_score, occurred_at, sender_check, sender_check_detail "
                        + "FROM interactions WHERE case_id = ? AND kind = 'INBOUND' ORDER BY id DESC LIMIT 1")
                .param(caseId)
                .query((rs, n) -> new CustomerMessage(rs.getLong(1), rs.getString(2), sentiment(rs, 3, null),
                        rs.getTimestamp(4).toInstant(), senderCheck(rs.getString(5), rs.getString(6))))
                .optional();
    }

    /** Keeps what the channel could tell of a customer message's sender, on the message's row. */
    void recordSenderCheck(long messageId, SenderCheck check) {
        jdbc.sql("UPDATE interactions SET sender_check = ?, sender_check_detail = ? WHERE id = ?")
                .params(check.result().name(), check.detail(), messageId).update();
    }

    private static SenderCheck senderCheck(String result, String detail) {
        return result == null ? SenderCheck.NOT_CHECKED : new SenderCheck(SenderCheck.Result.valueOf(result), detail);
    }

    java.util.OptionalLong latestInboundId(long caseId) {
        Long id = jdbc.sql("SELECT MAX(id) FROM interactions WHERE case_id = ? AND kind = 'INBOUND'").param(caseId)
                .query(Long.class).single();
        return id == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(id);
    }

    int countCases(long customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM cases WHERE customer_id = ?").param(customerId).query(Integer.class).single();
    }

    int countCasesOpenedSince(long customerId, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM cases WHERE customer_id = ? AND opened_at >= ?")
                .params(customerId, ts(since)).query(Integer.class).single();
    }

    /** Sets the provider's id on an outbound message not sent before; false when it had been. */
    boolean markSent(long interactionId, String providerMessageId, Instant at) {
        Optional<String> detail = jdbc.sql("SELECT detail FROM interactions WHERE id = ? AND kind = 'OUTBOUND' "
                        + "AND provider_message_id IS NULL FOR UPDATE")
                .param(interactionId).query((rs, n) -> rs.getString(1)).optional();
        if (detail.isEmpty()) {
            return false;
        }
        Map<String, Object> current = read(detail.get());
        Object shown = current == null ? null : current.get("delivery");
        // A report of delivery or reading may overtake the record of the send (the chat widget answers at once).
        Map<String, Object> updated = shown != null && !DeliveryStatus.SENT.supersedes(DeliveryStatus.valueOf(shown.toString()))
                ? current : withDelivery(current, DeliveryStatus.SENT, at);
        return jdbc.sql("UPDATE interactions SET provider_message_id = ?, detail = ? WHERE id = ?")
                .params(providerMessageId, write(updated), interactionId).update() == 1;
    }

    /** Shows an outbound message as not sent, with the reason; false when it showed a failure already (the first stays). */
    boolean markSendFailed(long interactionId, String reason, Instant at) {
        Optional<Optional<String>> row = jdbc.sql("SELECT detail FROM interactions WHERE id = ? AND kind = 'OUTBOUND' FOR UPDATE")
                .param(interactionId).query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional();
        if (row.isEmpty()) {
            return false;
        }
        Map<String, Object> detail = read(row.get().orElse(null));
        if (detail != null && DeliveryStatus.FAILED.name().equals(detail.get("delivery"))) {
            return false;
        }
        Map<String, Object> updated = withDelivery(detail, DeliveryStatus.FAILED, at);
        updated.put("deliveryError", reason);
        jdbc.sql("UPDATE interactions SET detail = ? WHERE id = ?").params(write(updated), interactionId).update();
        return true;
    }

    /** Shows a provider's report on an outbound message when it {@link DeliveryStatus#supersedes supersedes} the shown one; whether it did. */
    boolean updateDelivery(long interactionId, DeliveryStatus status, Instant at) {
        Optional<Optional<String>> row = jdbc.sql("SELECT detail FROM interactions WHERE id = ? AND kind = 'OUTBOUND' FOR UPDATE")
                .param(interactionId).query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional();
        if (row.isEmpty()) {
            return false;
        }
        Map<String, Object> detail = read(row.get().orElse(null));
        Object current = detail == null ? null : detail.get("delivery");
        if (!status.supersedes(current == null ? null : DeliveryStatus.valueOf(current.toString()))) {
            return false;
        }
        jdbc.sql("UPDATE interactions SET detail = ? WHERE id = ?")
                .params(write(withDelivery(detail, status, at)), interactionId).update();
        return true;
    }

    /** The delivery an outbound entry shows now, as an event for whoever shows it live; empty without one. */
    Optional<DeliveryShown> shownDelivery(long interactionId) {
        return jdbc.sql("SELECT case_id, detail FROM interactions WHERE id = ? AND kind = 'OUTBOUND'").param(interactionId)
                .query((rs, n) -> {
                    Map<String, Object> detail = read(rs.getString(2));
                    Object delivery = detail == null ? null : detail.get("delivery");
                    Object error = detail == null ? null : detail.get("deliveryError");
                    return delivery == null ? null : new DeliveryShown(rs.getLong(1), interactionId, delivery.toString(),
                            error == null ? null : error.toString());
                }).list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    private static Map<String, Object> withDelivery(Map<String, Object> detail, DeliveryStatus status, Instant at) {
        Map<String, Object> updated = detail == null ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(detail);
        updated.put("delivery", status.name());
        updated.put("deliveryAt", at.toString());
        return updated;
    }

    void touch(long caseId, Instant now) {
        jdbc.sql("UPDATE cases SET updated_at = ? WHERE id = ?").params(ts(now), caseId).update();
    }

    void changeStatus(long caseId, CaseStatus status, Instant now) {
        String stamp = switch (status) {
            case RESOLVED -> ", resolved_at = :now";
            case CLOSED -> ", closed_at = :now";
            case NEW -> ", reopen_count = reopen_count + 1, resolved_at = NULL";
            default -> "";
        };
        jdbc.sql("UPDATE cases SET status = :status, updated_at = :now" + stamp + " WHERE id = :id")
                .param("status", status.name()).param("now", ts(now)).param("id", caseId).update();
    }

    void changeCustomer(long caseId, long customerId) {
        jdbc.sql("UPDATE cases SET customer_id = ? WHERE id = ?").params(customerId, caseId).update();
    }

    void route(long caseId, String queue, int priority) {
        jdbc.sql("UPDATE cases SET queue = ?, priority = ? WHERE id = ?").params(queue, priority, caseId).update();
    }

    Optional<CaseView> find(long caseId) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM cases WHERE id = ?").param(caseId).query(CASE).optional();
    }

    /** Locks the case row for the rest of the transaction, so state changes of one case are serialised. */
    Optional<CaseView> lock(long caseId) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM cases WHERE id = ? FOR UPDATE").param(caseId).query(CASE).optional();
    }

    List<CaseView> ofCustomer(long customerId) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM cases WHERE customer_id = ? ORDER BY id DESC")
                .param(customerId).query(CASE).list();
    }

    List<TimelineEntry> timeline(long caseId) {
        return jdbc.sql("SELECT id, kind, channel, author, body, provider_message_id, detail, occurred_at, recorded_at, "
                        + "sentiment_score, sentiment_label, sentiment_uncertain, sentiment_fallback, sentiment_language "
                        + "FROM interactions WHERE case_id = ? ORDER BY id")
                .param(caseId)
                .query((rs, n) -> new TimelineEntry(rs.getLong(1), InteractionKind.valueOf(rs.getString(2)),
                        channel(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                        detail(InteractionKind.valueOf(rs.getString(2)), rs.getString(7)),
                        rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant(),
                        sentimentOfTimeline(rs)))
                .list();
    }

    /** Where the customer last wrote from: the channel and their address on it. */
    record Sender(Channel channel, String address) {
    }

    /** The sender of the last message the customer sent on a case. */
    Optional<Sender> lastInbound(long caseId) {
        // A participant nothing confirms is on the customer's side is never whom a reply goes to (Placement.UNCONFIRMED);
        // MariaDB's JSON_VALUE reads a JSON true as '1'.
        return jdbc.sql("SELECT channel, author FROM interactions WHERE case_id = ? AND kind = 'INBOUND' "
                        + "AND COALESCE(JSON_VALUE(detail, '$." + Placement.UNCONFIRMED + "'), '0') NOT IN ('1', 'true') ORDER BY id DESC LIMIT 1")
                .param(caseId).query((rs, n) -> new Sender(Channel.valueOf(rs.getString(1)), rs.getString(2))).optional();
    }

    /** Replies of this author sent to an address on a channel since a moment, over every case. */
    int countRepliesTo(Channel channel, String address, String author, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM interactions WHERE kind = 'OUTBOUND' AND channel = ? AND author = ? "
                        + "AND recorded_at >= ? AND JSON_VALUE(detail, '$.to') = ?")
                .params(channel.name(), author, ts(since), address).query(Integer.class).single();
    }

    /** The text of the last reply a person (not the assistant) sent on a case. */
    Optional<String> lastReplyBy(long caseId, String excludedAuthor) {
        return jdbc.sql("SELECT body FROM interactions WHERE case_id = ? AND kind = 'OUTBOUND' AND author <> ? ORDER BY id DESC LIMIT 1")
                .params(caseId, excludedAuthor).query(String.class).optional();
    }

    /** The customer's messages on a case newest last: what the next decision reads. */
    List<String> inboundTexts(long caseId, int limit) {
        List<String> texts = new java.util.ArrayList<>(jdbc.sql("SELECT body FROM interactions WHERE case_id = ? AND kind = 'INBOUND' ORDER BY id DESC LIMIT ?")
                .params(caseId, limit).query(String.class).list());
        java.util.Collections.reverse(texts);
        return texts;
    }

    /**
     * Work-list rows of these cases in one statement: each case with its customer's newest message and the arrival of
     * the oldest customer message after the last reply of a person.
     */
    List<CaseOverview> overviews(java.util.Collection<Long> caseIds, String assistant) {
        if (caseIds.isEmpty()) {
            return List.of();
        }
        String columns = java.util.Arrays.stream(CASE_COLUMNS.split(",\\s*")).map(c -> "c." + c)
                .collect(java.util.stream.Collectors.joining(", "));
        return jdbc.sql("SELECT " + columns + ", "
                        + "(SELECT i.body FROM interactions i WHERE i.case_id = c.id AND i.kind = 'INBOUND' "
                        + "ORDER BY i.id DESC LIMIT 1) AS last_message, "
                        // When the customer wrote, as the channel says, but not before the case existed: a provider's
                        // stamp a year old made a case opened today wait "365 d" on the desk and the floor (walk 42).
                        + "(SELECT MIN(GREATEST(w.occurred_at, c.opened_at)) FROM interactions w WHERE w.case_id = c.id "
                        + "AND w.kind = 'INBOUND' "
                        + "AND w.id > COALESCE((SELECT MAX(o.id) FROM interactions o WHERE o.case_id = c.id "
                        // A reply that did not leave (refused, switched off) answers nobody: the customer still waits.
                        + "AND o.kind = 'OUTBOUND' AND o.author <> :assistant "
                        + "AND COALESCE(JSON_VALUE(o.detail, '$.delivery'), '') <> 'FAILED'), 0)) AS waiting_since "
                        + "FROM cases c WHERE c.id IN (:ids)")
                .param("assistant", assistant).param("ids", List.copyOf(caseIds))
                .query((rs, n) -> new CaseOverview(caseView(rs, n), rs.getString("last_message"),
                        instant(rs.getTimestamp("waiting_since"))))
                .list();
    }

    /** The sentiment stored on one customer message; empty for any other entry. */
    Optional<Sentiment> sentimentOf(long interactionId) {
        return jdbc.sql("SELECT sentiment_score, sentiment_label FROM interactions WHERE id = ? AND sentiment_score IS NOT NULL")
                .param(interactionId).query((rs, n) -> sentiment(rs, 1, rs.getString(2))).optional();
    }

    int countInbound(long caseId) {
        return jdbc.sql("SELECT COUNT(*) FROM interactions WHERE case_id = ? AND kind = 'INBOUND'").param(caseId)
                .query(Integer.class).single();
    }

    int countOpenCases(long customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM cases WHERE customer_id = ? AND status <> 'CLOSED'").param(customerId)
                .query(Integer.class).single();
    }

    private static CaseView caseView(ResultSet rs, int row) throws SQLException {
        Integer priority = rs.getObject("priority", Integer.class);
        return new CaseView(rs.getLong("id"), rs.getLong("customer_id"), CaseStatus.valueOf(rs.getString("status")),
                rs.getString("subject"), Channel.valueOf(rs.getString("channel")), rs.getString("queue"),
                priority, rs.getInt("reopen_count"), instant(rs.getTimestamp("opened_at")),
                instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("resolved_at")),
                instant(rs.getTimestamp("closed_at")), rollingSentiment(rs));
    }

    private static RollingSentiment rollingSentiment(ResultSet rs) throws SQLException {
        Double value = rs.getObject("sentiment", Double.class);
        return value == null ? RollingSentiment.NONE : new RollingSentiment(value,
                SentimentTrend.valueOf(rs.getString("sentiment_trend")), rs.getInt("sentiment_messages"));
    }

    /** A timeline entry's sentiment with how it was read (columns 10 to 14 of the timeline query). */
    private static Sentiment sentimentOfTimeline(ResultSet rs) throws SQLException {
        Sentiment read = sentiment(rs, 10, rs.getString(11));
        return read == null ? null : new Sentiment(read.score(), read.label(), rs.getBoolean(12), rs.getBoolean(13),
                rs.getString(14));
    }

    private static Sentiment sentiment(ResultSet rs, int scoreColumn, String label) throws SQLException {
        Double score = rs.getObject(scoreColumn, Double.class);
        if (score == null) {
            return null;
        }
        return label == null ? Sentiment.of(score) : new Sentiment(score, SentimentLabel.valueOf(label));
    }

    private static Channel channel(String stored) {
        return stored == null ? null : Channel.valueOf(stored);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    /**
     * A decision's entry reads back as its {@link Decision}; any other entry's detail, and a re-assessment that changed
     * nothing (no {@code selfService}: no decision a case was placed by), as its fields.
     */
    private EntryDetail detail(InteractionKind kind, String stored) {
        if (stored == null) {
            return null;
        }
        if (kind != InteractionKind.DECISION || !stored.contains("\"selfService\"")) {
            return EntryDetail.of(read(stored));
        }
        try {
            return json.readValue(stored, Decision.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored decision is not readable", e);
        }
    }

    private String write(Object detail) {
        try {
            return json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("detail is not serialisable", e);
        }
    }

    private Map<String, Object> read(String detail) {
        if (detail == null) {
            return null;
        }
        try {
            return json.readValue(detail, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored detail is not JSON", e);
        }
    }
}
