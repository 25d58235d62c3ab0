package io.omnicase.supervision;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.omnicase.desk.QueueItem;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The live floor as one supervisor sees it at a moment: their queues, the agents of those queues, the conversations
 * waiting for or held by a person (worst mood first), the latest alerts, and the last day's customer messages per hour
 * by channel with their average mood.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Floor(List<QueueFigures> queues, List<AgentFigures> agents, List<QueueItem> conversations,
                   List<Alert> alerts, Volume volume, SentimentSeries sentiment, Instant at) {

    /**
     * One queue: how many cases wait unclaimed and how many a person holds, since when the longest-waiting customer
     * waits, and how many tasks are close to their SLA or past it.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record QueueFigures(String queue, int waiting, int handling, Instant oldestWaitSince, int atRisk, int breached) {
    }

    /**
     * An agent working one of the queues: the cases they hold now, how many (their load), and since when they hold
     * none and wrote nothing (null while they hold a case, or when they never wrote anything).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AgentFigures(String username, String displayName, List<String> queues, List<Long> handling, int load,
                               Instant idleSince) {
    }

    /**
     * An alert of the feed, as stored. {@code queues} are the queues its cases sat in when it was raised: the floor
     * compares them with where the cases are now, since the title and detail keep the words of that moment.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Alert(long id, String kind, String title, String detail, List<Long> caseIds, Instant at,
                        List<String> queues) {
    }

    /** Customer messages per hour ({@code hours}, each the hour's start, oldest first) and channel: counts per hour. */
    public record Volume(List<Instant> hours, Map<String, List<Integer>> byChannel) {
    }

    /** The average mood of the customer messages of each hour (null for an hour without any) and how many there were. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SentimentSeries(List<Instant> hours, List<Double> average, List<Integer> messages) {
    }
}
