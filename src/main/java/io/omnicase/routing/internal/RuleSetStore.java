package io.omnicase.routing.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.routing.GuidedRuleSet;
import io.omnicase.routing.RuleSetVersion;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rule-set versions and their activations, in MariaDB. */
@Repository
public class RuleSetStore {

    private static final String VERSION_COLUMNS = "v.version, v.drl, v.rules_json, v.checksum, v.author, v.reason, v.created_at, "
            + "(SELECT MAX(a.activated_at) FROM rule_set_activations a WHERE a.version = v.version) AS activated_at, "
            + "(SELECT a.activated_by FROM rule_set_activations a WHERE a.version = v.version ORDER BY a.id DESC LIMIT 1) AS activated_by, "
            // The reason of the latest activation when the version was activated again (a rollback); its first
            // activation's reason is the version's own (or "first start").
            + "CASE WHEN (SELECT COUNT(*) FROM rule_set_activations a WHERE a.version = v.version) > 1 THEN "
            + "(SELECT a.reason FROM rule_set_activations a WHERE a.version = v.version ORDER BY a.id DESC LIMIT 1) END AS activation_reason, "
            + "v.version = (SELECT a.version FROM rule_set_activations a ORDER BY a.id DESC LIMIT 1) AS active";
    private final RowMapper<RuleSetVersion> versionRow = (rs, n) -> new RuleSetVersion(rs.getInt("version"),
            label(rs.getInt("version")), rs.getString("drl"), table(rs.getString("rules_json")), rs.getString("checksum"),
            rs.getString("author"), rs.getString("reason"), rs.getTimestamp("created_at").toInstant(),
            instant(rs.getTimestamp("activated_at")), rs.getString("activated_by"),
            rs.getString("activation_reason"), rs.getBoolean("active"));

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    RuleSetStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public static String label(int version) {
        return "v" + version;
    }

    /** The id of the latest activation, 0 when nothing was ever activated; what every node polls. */
    public long latestActivation() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM rule_set_activations").query(Long.class).single();
    }

    /** {@link #latestActivation()} read with a lock: the latest committed activation, and no other seeding meanwhile. */
    public long latestActivationLocked() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM rule_set_activations FOR UPDATE").query(Long.class).single();
    }

    public Optional<RuleSetVersion> active() {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM rule_set_versions v WHERE v.version = "
                + "(SELECT a.version FROM rule_set_activations a ORDER BY a.id DESC LIMIT 1)").query(versionRow).optional();
    }

    public Optional<RuleSetVersion> find(int version) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM rule_set_versions v WHERE v.version = ?")
                .param(version).query(versionRow).optional();
    }

    public List<RuleSetVersion> all() {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM rule_set_versions v ORDER BY v.version DESC")
                .query(versionRow).list();
    }

    /**
     * Stores a new version (the next number) and returns it; the caller's transaction also activates it.
     *
     * @param table the rule table the DRL was generated from, null for DRL an administrator wrote
     */
    public int insert(String drl, GuidedRuleSet table, String checksum, String author, String reason) {
        int next = jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM rule_set_versions FOR UPDATE")
                .query(Integer.class).single();
        jdbc.sql("INSERT INTO rule_set_versions (version, drl, rules_json, checksum, author, reason, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(next, drl, table == null ? null : write(table), checksum, author, reason,
                        Timestamp.from(Instant.now())).update();
        return next;
    }

    public void activate(int version, String by, String reason) {
        jdbc.sql("INSERT INTO rule_set_activations (version, activated_by, reason, activated_at) VALUES (?, ?, ?, ?)")
                .params(version, by, reason, Timestamp.from(Instant.now())).update();
    }

    private String write(GuidedRuleSet table) {
        try {
            return json.writeValueAsString(table);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a rule table is not serialisable", e);
        }
    }

    private GuidedRuleSet table(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(stored, GuidedRuleSet.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored rule table is unreadable", e);
        }
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
