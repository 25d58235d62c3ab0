package io.omnicase.insight.internal.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.insight.QualityComponent;
import io.omnicase.insight.QualityScore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** Quality scores in {@code quality_scores}, the system of record (the search index is built from it). */
@Repository
class QualityScoreStore {

    private static final TypeReference<List<QualityScore.Part>> PARTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    QualityScoreStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores the score; false when this resolution had been scored already (an event delivered twice). */
    boolean add(QualityScore score) {
        try {
            return jdbc.sql("""
                            INSERT IGNORE INTO quality_scores (case_id, resolved_at, agent, topic, queue, channel, rules_version,
                                total, first_response, ownership, empathy, confirmation, sentiment, breakdown, scored_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(score.caseId(), Timestamp.from(score.resolvedAt()), score.agent(), score.topic(), score.queue(),
                            score.channel(), score.rulesVersion(), BigDecimal.valueOf(score.total()),
                            component(score, QualityComponent.FIRST_RESPONSE), component(score, QualityComponent.OWNERSHIP),
                            component(score, QualityComponent.EMPATHY), component(score, QualityComponent.CONFIRMATION),
                            component(score, QualityComponent.SENTIMENT), json.writeValueAsString(score.components()),
                            Timestamp.from(score.scoredAt()))
                    .update() == 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The scores of a case, newest resolution first. */
    List<QualityScore> ofCase(long caseId) {
        return jdbc.sql("SELECT * FROM quality_scores WHERE case_id = ? ORDER BY resolved_at DESC").param(caseId)
                .query(this::row).list();
    }

    Optional<QualityScore> find(long caseId, java.time.Instant resolvedAt) {
        return jdbc.sql("SELECT * FROM quality_scores WHERE case_id = ? AND resolved_at = ?")
                .params(caseId, Timestamp.from(resolvedAt)).query(this::row).optional();
    }

    private static BigDecimal component(QualityScore score, QualityComponent component) {
        Double value = score.part(component).score();
        return value == null ? null : BigDecimal.valueOf(value);
    }

    private QualityScore row(ResultSet rs, int n) throws SQLException {
        try {
            return new QualityScore(rs.getLong("case_id"), rs.getTimestamp("resolved_at").toInstant(),
                    rs.getString("agent"), rs.getString("topic"), rs.getString("queue"), rs.getString("channel"),
                    rs.getInt("rules_version"), rs.getBigDecimal("total").doubleValue(),
                    json.readValue(rs.getString("breakdown"), PARTS), rs.getTimestamp("scored_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The quality score of case " + rs.getLong("case_id") + " is not readable", e);
        }
    }
}
