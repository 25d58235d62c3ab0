package io.omnicase.assistant.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.assistant.AnswerSource;
import io.omnicase.assistant.AssistantAnswer;
import io.omnicase.assistant.AssistantAttempt;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;

/** What the assistant tried on each case (question, answer or decline, confidence, sources), for the handover. */
@Repository
public class AttemptStore {

    private static final TypeReference<List<AnswerSource>> SOURCES = new TypeReference<>() {
    };

    private final AttemptRows rows;
    private final ObjectMapper json;

    AttemptStore(AttemptRows rows, ObjectMapper json) {
        this.rows = rows;
        this.json = json;
    }

    @Transactional
    public void record(long caseId, String question, AssistantAnswer answer) {
        try {
            rows.save(new AttemptRow(caseId, question, answer.answered(), answer.answered() ? answer.answer() : null,
                    answer.topic(), answer.confidence(), json.writeValueAsString(answer.sources()), answer.reason(),
                    Instant.now()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional(readOnly = true)
    public boolean answeredBefore(long caseId) {
        return rows.existsByCaseIdAndAnsweredTrue(caseId);
    }

    @Transactional(readOnly = true)
    public List<AssistantAttempt> ofCase(long caseId) {
        return rows.findByCaseIdOrderById(caseId).stream()
                .map(row -> new AssistantAttempt(row.question(), row.answered(), row.answer(), row.topic(),
                        row.confidence(), read(row.sources()), row.reason(), row.createdAt()))
                .toList();
    }

    private List<AnswerSource> read(String sources) {
        try {
            return json.readValue(sources, SOURCES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
