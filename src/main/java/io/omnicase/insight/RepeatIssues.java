package io.omnicase.insight;

import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseAccessDeniedException;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseNotFoundException;
import io.omnicase.cases.CaseView;
import io.omnicase.cases.CustomerMessage;
import io.omnicase.routing.CaseRouting;
import io.omnicase.routing.MessageFacts;
import io.omnicase.routing.RepeatFacts;
import io.omnicase.routing.RepeatHistory;
import io.omnicase.routing.Topic;
import io.omnicase.routing.PreviousOutcome;
import io.omnicase.search.CaseOutcome;
import io.omnicase.search.EarlierContact;
import io.omnicase.search.InsightQueries;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Repeat issues: the same customer contacting again about the same issue (same topic and similar text, or similar
 * text when the topic is unclear) within {@link CaseRouting#RECENT}, across channels and cases. Answers routing's
 * {@link RepeatHistory} and the desk's list of earlier cases from the interaction history.
 */
@Service
public class RepeatIssues implements RepeatHistory {

    /** At most this many earlier cases are listed (and counted). */
    static final int MAX_EARLIER = 50;

    private final InsightQueries queries;
    private final CaseManagement cases;
    private final CaseAccess access;
    private final Clock clock;

    RepeatIssues(InsightQueries queries, CaseManagement cases, CaseAccess access) {
        this.queries = queries;
        this.cases = cases;
        this.access = access;
        this.clock = Clock.systemUTC();
    }

    @Override
    public RepeatFacts repeatsOf(long caseId, long customerId, Topic topic, String text, Instant now) {
        List<EarlierContact> earlier = queries.earlierContacts(customerId, caseId, topic.name(), text,
                now.minus(CaseRouting.RECENT), now, MAX_EARLIER);
        if (earlier.isEmpty()) {
            return RepeatFacts.FIRST_CONTACT;
        }
        EarlierContact last = earlier.get(0);
        int days = (int) Math.max(0, Duration.between(last.lastContact(), now).toDays());
        return new RepeatFacts(earlier.size() + 1, days, outcomeOf(last));
    }

    /**
     * The earlier cases about the issue of the case's latest customer message, for a reader who may read the case;
     * an earlier case the reader may not open is listed without its excerpt.
     *
     * @throws CaseNotFoundException     when there is no such case
     * @throws CaseAccessDeniedException when the reader may not read it
     */
    public Repeats earlierCases(String reader, CaseId id) {
        CaseView view = access.checkRead(reader, id);
        Instant now = clock.instant();
        Instant from = now.minus(CaseRouting.RECENT);
        Optional<CustomerMessage> latest = cases.latestCustomerMessage(id);
        if (latest.isEmpty()) {
            return new Repeats(id.value(), null, from, now, 1, List.of());
        }
        Topic topic = MessageFacts.topicOf(latest.get().text());
        List<EarlierCase> earlier = new ArrayList<>();
        for (EarlierContact contact : queries.earlierContacts(view.customerId(), id.value(), topic.name(),
                latest.get().text(), from, now, MAX_EARLIER)) {
            boolean readable = mayRead(reader, contact.caseId());
            earlier.add(new EarlierCase(contact.caseId(), contact.channel(), contact.topic(), contact.caseStatus(),
                    outcomeOf(contact).name(), contact.firstContact(), contact.lastContact(), contact.messages(),
                    readable ? contact.excerpt() : null, readable));
        }
        return new Repeats(id.value(), topic.name(), from, now, earlier.size() + 1, earlier);
    }

    private boolean mayRead(String reader, long caseId) {
        try {
            access.checkRead(reader, new CaseId(caseId));
            return true;
        } catch (CaseAccessDeniedException | CaseNotFoundException e) {
            return false;
        }
    }

    /** How an earlier case ended: resolved (its outcome says so), closed without resolution, or still open. */
    private PreviousOutcome outcomeOf(EarlierContact contact) {
        Optional<CaseOutcome> outcome = queries.outcome(contact.caseId());
        if (outcome.isPresent() && outcome.get().resolvedAt() != null
                || "RESOLVED".equals(contact.caseStatus())) {
            return PreviousOutcome.RESOLVED;
        }
        return "CLOSED".equals(contact.caseStatus()) ? PreviousOutcome.CLOSED : PreviousOutcome.OPEN;
    }
}
