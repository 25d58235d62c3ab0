package io.omnicase.desk;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.omnicase.sentiment.RollingSentiment;
import io.omnicase.sentiment.SentimentLabel;
import io.omnicase.sentiment.SentimentTrend;

import java.time.Instant;

/**
 * One row of the desk's queue list: a person's task on a case with what an agent scans for (who, what, on which channel,
 * how long the customer waits, how close the SLA is, how the customer feels).
 *
 * @param customerName  the name agents know the customer by, never a random visitor id
 * @param status        the case's status
 * @param waitingSince  since when the customer waits: their oldest message no person answered yet; null when a person
 *                      has answered every one (the case waits for the customer, nobody waits for an agent)
 * @param slaState      {@code ok}, {@code at-risk} (less than a quarter of the SLA window or 15 minutes left) or
 *                      {@code breached}
 * @param sentiment     the case's rolling mood; null before the customer's first message
 * @param lastMessage   the start (140 characters) of the customer's newest message, on one line
 * Empty values are sent as null (not left out), as the desk's contract says.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record QueueItem(String taskId, long caseId, String subject, long customerId, String customerName,
                        String channel, String queue, int priority, String assignee, String status,
                        Instant waitingSince, Instant created, Instant slaDue, String slaState, Mood sentiment,
                        String lastMessage) {

    /** The case's mood as the desk shows it: score, its label, and where it is heading. */
    public record Mood(double score, SentimentLabel label, Trend trend) {

        /** The desk's words for a sentiment trend. */
        public enum Trend { FALLING, STEADY, RISING }

        /** Null when no customer message went into the mood yet. */
        public static Mood of(RollingSentiment rolling) {
            if (rolling == null || rolling.messages() == 0) {
                return null;
            }
            Trend trend = rolling.trend() == SentimentTrend.IMPROVING ? Trend.RISING
                    : rolling.trend() == SentimentTrend.WORSENING ? Trend.FALLING : Trend.STEADY;
            return new Mood(rolling.value(), rolling.label(), trend);
        }
    }
}
