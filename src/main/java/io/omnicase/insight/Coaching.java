package io.omnicase.insight;

import io.omnicase.search.CoachingAggregation;
import io.omnicase.search.InsightQueries;
import io.omnicase.search.OutcomeFigures;
import io.omnicase.search.QualityAverages;
import io.omnicase.search.QualityQuery;
import io.omnicase.security.UserAccount;
import io.omnicase.security.UserAccounts;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Coaching figures for a period, per agent and topic beside the team's, and the moments worth a talk: one aggregation
 * request to Elasticsearch over the cases' outcome documents; here only display names are added.
 */
@Service
public class Coaching {

    /** How many moments of each kind a report lists. */
    static final int MOMENTS = 10;

    private final InsightQueries queries;
    private final UserAccounts users;

    Coaching(InsightQueries queries, UserAccounts users) {
        this.queries = queries;
        this.users = users;
    }

    public CoachingReport report(Instant from, Instant to, String queue) {
        String onlyQueue = queue == null || queue.isBlank() ? null : queue;
        // The figures and, beside them, the quality score (the average of the period's scored conversations): both
        // searches in one round trip to Elasticsearch.
        InsightQueries.CoachingAndQuality both = queries.coachingAndQuality(from, to, queue, MOMENTS,
                new QualityQuery(from, to, onlyQueue, null, null, 0));
        CoachingAggregation aggregation = both.coaching();
        QualityAverages scores = both.quality();
        Map<String, String> names = displayNames();
        Function<String, String> displayName = agent -> "assistant".equals(agent) ? "Assistant"
                : names.getOrDefault(agent, agent);
        Map<String, Double> byAgentAndTopic = scores.agents().stream().filter(a -> a.average() != null)
                .collect(Collectors.toMap(a -> a.agent() + "\u0000" + a.topic(), QualityAverages.AgentTopic::average,
                        (a, b) -> a));
        return new CoachingReport(from, to, onlyQueue,
                figures(aggregation.team(), scores.team()),
                aggregation.agents().stream().map(a -> new CoachingReport.AgentFigures(a.agent(),
                        displayName.apply(a.agent()), a.topic(), figures(a.figures(),
                        byAgentAndTopic.get(a.agent() + "\u0000" + a.topic())))).toList(),
                aggregation.moments().stream().map(m -> new CoachingReport.Moment(m.caseId(), m.agent(), m.kind().name(),
                        m.at(), m.before(), m.after(), m.excerpt())).toList());
    }

    /** Display names change rarely; read at most once a minute rather than on every report. */
    private Map<String, String> displayNames() {
        Names cached = names;
        if (cached == null || cached.readAt().isBefore(Instant.now().minusSeconds(60))) {
            cached = new Names(users.all().stream()
                    .collect(Collectors.toMap(UserAccount::username, UserAccount::displayName, (a, b) -> a)), Instant.now());
            names = cached;
        }
        return cached.byUser();
    }

    private record Names(Map<String, String> byUser, Instant readAt) {
    }

    private volatile Names names;

    private static CoachingReport.Figures figures(OutcomeFigures f, Double qualityScore) {
        boolean none = f.handled() == 0;
        return new CoachingReport.Figures(f.handled(), none ? null : round(f.medianHandleSeconds()),
                none ? null : round(f.firstContactResolution()), none ? null : round(f.reopenRate()),
                none ? null : round(f.sentimentChange()), f.slaBreaches(), round(qualityScore));
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 1000) / 1000.0;
    }
}
