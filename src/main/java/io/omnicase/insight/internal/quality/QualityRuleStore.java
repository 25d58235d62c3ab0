package io.omnicase.insight.internal.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.http.ConflictException;
import io.omnicase.insight.QualityRules;
import io.omnicase.insight.QualityRulesVersion;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The versions of the quality rules in {@code quality_rule_sets}; the newest is in force. */
@Repository
class QualityRuleStore {

    private static final String COLUMNS = "version, rules, author, reason, created_at";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    QualityRuleStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<QualityRulesVersion> newest() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM quality_rule_sets ORDER BY version DESC LIMIT 1")
                .query(this::row).optional();
    }

    Optional<QualityRulesVersion> version(int version) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM quality_rule_sets WHERE version = ?").param(version)
                .query(this::row).optional();
    }

    List<QualityRulesVersion> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM quality_rule_sets ORDER BY version DESC").query(this::row).list();
    }

    /** Stores the rules as the next version; two saves at the same moment: the second is told to reload. */
    QualityRulesVersion add(QualityRules rules, String author, String reason) {
        int next = jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM quality_rule_sets").query(Integer.class).single();
        Instant now = Instant.now();
        try {
            jdbc.sql("INSERT INTO quality_rule_sets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")
                    .params(next, json.writeValueAsString(rules), author, reason, Timestamp.from(now)).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Someone saved the quality rules at the same moment; load them again and retry");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new QualityRulesVersion(next, rules, author, reason, now);
    }

    private QualityRulesVersion row(ResultSet rs, int n) throws SQLException {
        try {
            return new QualityRulesVersion(rs.getInt("version"), json.readValue(rs.getString("rules"), QualityRules.class),
                    rs.getString("author"), rs.getString("reason"), rs.getTimestamp("created_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Quality rules version " + rs.getInt("version") + " is not readable", e);
        }
    }
}
