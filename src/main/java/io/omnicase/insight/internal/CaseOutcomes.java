package io.omnicase.insight.internal;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseView;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.InteractionRecorded;
import io.omnicase.cases.TimelineEntry;
import io.omnicase.routing.MessageFacts;
import io.omnicase.search.CaseOutcome;
import io.omnicase.search.HistoryWork;
import io.omnicase.search.InsightQueries;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps each case's outcome document current: after every change of a case's state (escalated, resolved, reopened,
 * SLA breached, closed) it is computed again from the case and its timeline in MariaDB and replaces the old one.
 */
@Component
public class CaseOutcomes {

    /** Coaching's topics by name: what a resolve form's topic must be to count. */
    private static final java.util.Set<String> TOPICS = java.util.Arrays.stream(io.omnicase.routing.Topic.values())
            .map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final CaseManagement cases;
    private final InsightQueries queries;
    private final HistoryWork history;

    CaseOutcomes(CaseManagement cases, InsightQueries queries, HistoryWork history) {
        this.cases = cases;
        this.queries = queries;
        this.history = history;
    }

    // Only changes of state: the condition is read before the event publication is stored (Spring Modulith), so the
    // other three of an inbound message's four timeline entries cost no publication row, thread or transaction here
    // (issue 18, after-commit throughput). On the history pool, not the event pool, and without a transaction: while
    // Elasticsearch was away, redelivered outcomes (each a transaction and two reads before failing) kept the event
    // pool from process work, and cases waited for their routing decision (faults, issue 18).
    @TransactionalEventListener(condition = "#root.args[0].kind().name() == 'STATUS'")
    CompletableFuture<Void> on(InteractionRecorded event) {
        return history.afterCommit("the outcome of case " + event.caseId(), () -> {
            Optional<CaseOutcome> outcome = outcomeOf(event.caseId());
            return outcome.isEmpty() ? CompletableFuture.completedFuture(null) : queries.writeOutcome(outcome.get());
        });
    }

    /** Computes the case's outcome again from MariaDB and stores it; a rebuild calls this for every case. */
    public void update(long caseId) {
        outcomeOf(caseId).ifPresent(queries::putOutcome);
    }

    private Optional<CaseOutcome> outcomeOf(long caseId) {
        Optional<CaseView> found = cases.find(new CaseId(caseId));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CaseView view = found.get();
        List<TimelineEntry> timeline = cases.timeline(new CaseId(caseId));
        // A reopened case keeps its last resolution: it was handled (by whoever resolved it), and it counts as
        // reopened. The case's own resolved time is cleared while it is open again.
        java.time.Instant resolvedAt = view.resolvedAt() != null ? view.resolvedAt() : timeline.stream()
                .filter(e -> e.kind() == InteractionKind.STATUS && e.text() != null && e.text().startsWith(CaseManagement.RESOLVED_BY))
                .map(TimelineEntry::occurredAt).reduce((a, b) -> b).orElse(null);
        OutcomeCalculation.Case c = new OutcomeCalculation.Case(view.id(), view.customerId(),
                topicOf(timeline), view.queue(), view.channel() == null ? null : view.channel().name(),
                view.status().name(), view.openedAt(), resolvedAt, view.reopenCount());
        return Optional.of(OutcomeCalculation.of(c, timeline.stream().map(CaseOutcomes::entry).toList()));
    }

    /**
     * The agent and topic a case counts under in coaching: its outcome's, which its quality score takes too, so that a
     * coaching row's "handled" and its quality average are over the same cases.
     */
    public static Attribution attributionOf(List<TimelineEntry> timeline) {
        return new Attribution(OutcomeCalculation.agentOf(timeline.stream().map(CaseOutcomes::entry).toList()),
                topicOf(timeline));
    }

    /** Who handled a case and what about, as coaching groups cases. */
    public record Attribution(String agent, String topic) {
    }

    /**
     * What the case was about: the topic the person who resolved it chose on the resolve form (the latest resolution's,
     * when it is one of coaching's topics), else the topic of the customer's first message. The first message alone
     * filed a router fault resolved as Technical under "Other" (walk of 4 December).
     */
    private static String topicOf(List<TimelineEntry> timeline) {
        return timeline.stream()
                .filter(e -> e.kind() == InteractionKind.STATUS && e.detail() instanceof io.omnicase.cases.EntryDetail.Fields)
                .map(e -> ((io.omnicase.cases.EntryDetail.Fields) e.detail()).values().get("topic"))
                .filter(topic -> topic != null && TOPICS.contains(String.valueOf(topic).toUpperCase(java.util.Locale.ROOT)))
                .map(topic -> String.valueOf(topic).toUpperCase(java.util.Locale.ROOT))
                .reduce((first, second) -> second)
                .orElseGet(() -> MessageFacts.topicOf(timeline.stream().filter(e -> e.kind() == InteractionKind.INBOUND)
                        .map(TimelineEntry::text).findFirst().orElse("")).name());
    }

    private static OutcomeCalculation.Entry entry(TimelineEntry e) {
        OutcomeCalculation.Kind kind = switch (e.kind()) {
            case INBOUND -> OutcomeCalculation.Kind.CUSTOMER;
            case OUTBOUND -> OutcomeCalculation.Kind.REPLY;
            case STATUS -> "sla".equals(e.author()) ? OutcomeCalculation.Kind.SLA_BREACH : OutcomeCalculation.Kind.OTHER;
            default -> OutcomeCalculation.Kind.OTHER;
        };
        return new OutcomeCalculation.Entry(kind, e.author(), e.text(),
                e.sentiment() == null ? null : e.sentiment().score(), e.occurredAt());
    }
}
