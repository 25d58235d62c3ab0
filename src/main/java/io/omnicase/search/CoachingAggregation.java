package io.omnicase.search;

import java.time.Instant;
import java.util.List;

/** The coaching figures of a period: the team's, each agent's per topic, and the moments worth a talk. */
public record CoachingAggregation(OutcomeFigures team, List<AgentTopic> agents, List<Moment> moments) {

    /** One agent's figures on one topic. */
    public record AgentTopic(String agent, String topic, OutcomeFigures figures) {
    }

    /** What made a case worth a coaching talk. */
    public enum MomentKind { SENTIMENT_FELL_AFTER_REPLY, RESOLVED_WITH_RISING_SENTIMENT }

    /** A case worth a coaching talk: the customer's sentiment before and after, and an excerpt of what was said. */
    public record Moment(long caseId, String agent, MomentKind kind, Instant at, Double before, Double after,
                         String excerpt) {
    }
}
