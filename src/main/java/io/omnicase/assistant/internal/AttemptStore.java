package io.omnicase.assistant.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.assistant.AnswerSource;
import io.omnicase.assistant.AssistantAnswer;
import io.omnicase.assistant.AssistantAttempt;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** What the assistant tried on each case (question, answer or decline, confidence, sources), for the handover. */
@Repository
public class AttemptStore {

    private static final TypeReference<List<AnswerSource>> SOURCES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    AttemptStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void record(long caseId, String question, AssistantAnswer answer) {
        try {
            jdbc.sql("INSERT INTO assistant_attempts (case_id, question, answered, answer, topic, confidence, sources, "
                            + "reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(caseId, question, answer.answered(), answer.answered() ? answer.answer() : null,
                            answer.topic(), answer.confidence(), json.writeValueAsString(answer.sources()),
                            answer.reason(), Timestamp.from(Instant.now()))
                    .update();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean answeredBefore(long caseId) {
        return jdbc.sql("SELECT COUNT(*) FROM assistant_attempts WHERE case_id = ? AND answered").param(caseId)
                .query(Integer.class).single() > 0;
    }

    public List<AssistantAttempt> ofCase(long caseId) {
        return jdbc.sql("SELECT question, answered, answer, topic, confidence, sources, reason, created_at "
                        + "FROM assistant_attempts WHERE case_id = ? ORDER BY id").param(caseId)
                .query((rs, n) -> new AssistantAttempt(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4),
                        rs.getDouble(5), read(rs.getString(6)), rs.getString(7), rs.getTimestamp(8).toInstant()))
                .list();
    }

    private List<AnswerSource> read(String sources) {
        try {
            return json.readValue(sources, SOURCES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
