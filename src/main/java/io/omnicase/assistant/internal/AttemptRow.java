package io.omnicase.assistant.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** A row of {@code assistant_attempts} (V31): one try of the assistant on a case. */
@Entity
@Table(name = "assistant_attempts")
class AttemptRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "case_id", nullable = false)
    private long caseId;

    @Column(nullable = false, columnDefinition = "mediumtext")
    private String question;

    @Column(nullable = false)
    private boolean answered;

    @Column(columnDefinition = "text")
    private String answer;

    @Column(length = 80)
    private String topic;

    @Column(nullable = false)
    private double confidence;

    /** The sources as JSON. */
    @Column(nullable = false, columnDefinition = "text")
    private String sources;

    @Column(length = 300)
    private String reason;

    /** Written like {@code Timestamp.from(instant)}, as the JdbcClient stores write their timestamps. */
    @JdbcTypeCode(SqlTypes.TIMESTAMP)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AttemptRow() {
    }

    AttemptRow(long caseId, String question, boolean answered, String answer, String topic, double confidence,
               String sources, String reason, Instant createdAt) {
        this.caseId = caseId;
        this.question = question;
        this.answered = answered;
        this.answer = answer;
        this.topic = topic;
        this.confidence = confidence;
        this.sources = sources;
        this.reason = reason;
        this.createdAt = createdAt;
    }

    String question() {
        return question;
    }

    boolean answered() {
        return answered;
    }

    String answer() {
        return answer;
    }

    String topic() {
        return topic;
    }

    double confidence() {
        return confidence;
    }

    String sources() {
        return sources;
    }

    String reason() {
        return reason;
    }

    Instant createdAt() {
        return createdAt;
    }
}
