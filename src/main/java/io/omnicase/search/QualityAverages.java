package io.omnicase.search;

import java.util.List;

/**
 * Average quality scores of a period, for coaching: the team's and each agent's on each topic (aggregated in
 * Elasticsearch). Conversations no person handled count for the team only.
 */
public record QualityAverages(Double team, List<AgentTopic> agents) {

    /** One agent on one topic ("none" when the case had no topic): how many scored conversations, their average. */
    public record AgentTopic(String agent, String topic, long scored, Double average) {
    }
}
