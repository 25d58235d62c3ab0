package io.omnicase.insight;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * What the coaching page shows for a period: the team's figures, each agent's per topic beside them, and the moments
 * worth a coaching talk, each linking to its case. The shape is the contract of {@code GET /api/insight/coaching}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CoachingReport(Instant from, Instant to, String queue, Figures team, List<AgentFigures> agents,
                             List<Moment> moments) {

    /**
     * Figures over the cases resolved in the period.
     *
     * @param medianHandleSeconds    median seconds from opening to resolution (an estimate for large sets)
     * @param firstContactResolution share of cases resolved with at most one reply and never reopened, 0..1
     * @param reopenRate             share of cases reopened at least once, 0..1
     * @param sentimentChange        mean change of the customer's sentiment from their first to their last message
     * @param slaBreaches            SLA breaches over the cases
     * @param qualityScore           the mean quality score; null until quality scoring exists
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Figures(long handled, Double medianHandleSeconds, Double firstContactResolution, Double reopenRate,
                          Double sentimentChange, long slaBreaches, Double qualityScore) {
    }

    /** One agent's figures on one topic. */
    public record AgentFigures(String agent, String displayName, String topic, Figures figures) {
    }

    /**
     * A case worth a coaching talk.
     *
     * @param kind   {@code SENTIMENT_FELL_AFTER_REPLY} or {@code RESOLVED_WITH_RISING_SENTIMENT}
     * @param before the customer's sentiment before (the message before the reply; the first message)
     * @param after  after (the message after the reply; the last message)
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Moment(long caseId, String agent, String kind, Instant at, Double before, Double after, String excerpt) {
    }
}
