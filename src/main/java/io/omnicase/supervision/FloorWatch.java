package io.omnicase.supervision;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.InteractionRecorded;
import io.omnicase.sentiment.RollingSentiment;
import io.omnicase.sentiment.SentimentTrend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The floor's own alerts: an SLA ran out (the case process records the breach on the timeline), and a customer's mood
 * fell to clearly negative and is still falling. Best effort, after the change committed; a mood alert is raised once
 * per case in {@link #QUIET}.
 */
@Component
class FloorWatch {

    private static final Logger log = LoggerFactory.getLogger(FloorWatch.class);

    /** A rolling mood at or below this, and falling, is worth a supervisor's look. */
    static final double FALLING_BELOW = -0.3;
    static final Duration QUIET = Duration.ofMinutes(30);

    private final CaseManagement cases;
    private final FloorAlerts alerts;
    private final Map<Long, Instant> moodAlerted = new ConcurrentHashMap<>();

    FloorWatch(CaseManagement cases, FloorAlerts alerts) {
        this.cases = cases;
        this.alerts = alerts;
    }

    // Only what can raise an alert (a customer's message, an SLA breach): the condition is read before the event
    // publication is stored, so decisions, replies and other changes of state cost no publication row and no thread
    // (issue 18).
    @Async
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true,
            condition = "#root.args[0].kind().name() == 'INBOUND' or (#root.args[0].kind().name() == 'STATUS' and #root.args[0].author() == 'sla')")
    void on(InteractionRecorded recorded) {
        try {
            if (recorded.kind() == InteractionKind.STATUS && "sla".equals(recorded.author())) {
                alerts.raise(new FloorAlert("sla-breached", "SLA breached on case #" + recorded.caseId(),
                        recorded.text(), List.of(recorded.caseId()), recorded.occurredAt()));
            } else if (recorded.kind() == InteractionKind.INBOUND) {
                cases.find(new CaseId(recorded.caseId())).ifPresent(view -> {
                    RollingSentiment mood = view.sentiment();
                    if (mood != null && mood.messages() > 1 && mood.trend() == SentimentTrend.WORSENING
                            && mood.value() <= FALLING_BELOW && view.status().isOpen() && quietOver(view.id())) {
                        alerts.raise(new FloorAlert("sentiment-falling", "Mood falling on case #" + view.id(),
                                "\"" + view.subject() + "\" in queue " + FloorAlerts.queueOf(view) + ": mood "
                                        + String.format(java.util.Locale.ROOT, "%.2f", mood.value()) + " and falling",
                                List.of(view.id()), recorded.occurredAt()));
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("No floor alert for case {}: {}", recorded.caseId(), e.getMessage());
        }
    }

    private boolean quietOver(long caseId) {
        Instant now = Instant.now();
        Instant last = moodAlerted.get(caseId);
        if (last != null && last.plus(QUIET).isAfter(now)) {
            return false;
        }
        moodAlerted.put(caseId, now);
        moodAlerted.values().removeIf(at -> at.plus(QUIET).isBefore(now));
        return true;
    }
}
