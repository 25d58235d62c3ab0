package io.omnicase.routing;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseNotFoundException;
import io.omnicase.cases.CaseView;
import io.omnicase.cases.CustomerMessage;
import io.omnicase.cases.Decision;
import io.omnicase.cases.SenderCheck;
import io.omnicase.customers.Customer;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.Customers;
import io.omnicase.routing.facts.Tier;
import io.omnicase.routing.internal.FactValues;
import io.omnicase.sentiment.Sentiment;
import io.omnicase.sentiment.SentimentLabel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Routes a case: gathers the facts the rules read (asking the cases and customers modules through their APIs), decides
 * with the active rules, and records the decision once, on the case's timeline.
 */
@Service
public class CaseRouting {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CaseRouting.class);

    /** How far back a customer's cases and complaints count as recent. */
    public static final Duration RECENT = Duration.ofDays(90);
    /** At most this many of a customer's recent messages are read for repeat complaints. */
    static final int RECENT_MESSAGES = 200;

    private final Routing routing;
    private final CaseManagement cases;
    private final Customers customers;
    private final Clock clock;
    private final List<RepeatHistory> repeatHistory;

    CaseRouting(Routing routing, CaseManagement cases, Customers customers, List<RepeatHistory> repeatHistory) {
        this.routing = routing;
        this.cases = cases;
        this.customers = customers;
        this.clock = Clock.systemUTC();
        this.repeatHistory = List.copyOf(repeatHistory);
    }

    /** Decides how the case is handled now and records the decision on the case (its queue and priority with it). */
    @Transactional
    public RoutingDecision route(CaseId id) {
        Optional<CustomerMessage> latest = cases.latestCustomerMessage(id);
        RoutingDecision decision = routing.decide(id, factsOf(id, latest), senderOf(latest));
        cases.recordDecision(id, recorded(decision));
        return decision;
    }

    /**
     * Decides again while a person's task waits or is worked, recording nothing on the case: the caller moves the task
     * as the decision allows and records what it did ({@link CaseManagement#recordReassessment}).
     */
    @Transactional
    public RoutingDecision reassess(CaseId id) {
        Optional<CustomerMessage> latest = cases.latestCustomerMessage(id);
        return routing.decide(id, factsOf(id, latest), senderOf(latest));
    }

    private static SenderCheck senderOf(Optional<CustomerMessage> latest) {
        return latest.map(CustomerMessage::sender).orElse(SenderCheck.NOT_CHECKED);
    }

    /** A decision as the case records it on its timeline. */
    public static Decision recorded(RoutingDecision decision) {
        return new Decision(decision.selfService(), decision.queue().group(),
                decision.priority().taskPriority(), decision.requiredSkills().stream().map(Enum::name).sorted().toList(),
                decision.rulesFired(), decision.ruleSetVersion());
    }

    /** The case, its customer and their latest message as the rules see them. */
    RoutingFacts factsOf(CaseId id) {
        return factsOf(id, cases.latestCustomerMessage(id));
    }

    private RoutingFacts factsOf(CaseId id, Optional<CustomerMessage> latest) {
        CaseView view = cases.find(id).orElseThrow(() -> new CaseNotFoundException(id.value()));
        CustomerId customer = new CustomerId(view.customerId());
        Instant now = clock.instant();
        Instant since = now.minus(RECENT);
        List<CustomerMessage> recent = cases.customerMessagesSince(customer, since, RECENT_MESSAGES);
        MessageFacts message = new MessageFacts(latest.map(CustomerMessage::text).orElse(""),
                latest.map(CustomerMessage::sentiment).map(Sentiment::score).orElse(0.0), topicBefore(id, recent));
        CaseFacts caseFacts = new CaseFacts(FactValues.channel(view.channel()), FactValues.status(view.status()),
                Duration.between(view.openedAt(), now).toHours(), cases.customerMessageCount(id),
                view.reopenCount(), view.sentiment().value(), FactValues.trend(view.sentiment().trend()));
        Tier tier = FactValues.tier(customers.find(customer).map(Customer::tier).orElse(Customer.Tier.STANDARD));
        int openedRecently = cases.casesOpenedSince(customer, since);
        return new RoutingFacts(caseFacts, new CustomerFacts(tier, cases.openCaseCount(customer),
                openedRecently, complaintsAbout(message.getTopic(), recent),
                repeatsOf(view, message, now, openedRecently)), message);
    }

    /**
     * What the history knows of earlier contacts about the same issue; a first contact when nothing answers. Earlier
     * contacts are entries of the customer's other cases, so a customer with no other case (most messages: every
     * message of a case is routed) is a first contact without asking the history (issue 18: the history's repeat
     * query was about a twentieth of the after-commit work's CPU, and more on the node).
     */
    private RepeatFacts repeatsOf(CaseView view, MessageFacts message, Instant now, int openedRecently) {
        if (message.getText().isBlank()) {
            return RepeatFacts.FIRST_CONTACT;
        }
        if (openedRecently <= 1 && cases.caseCount(new CustomerId(view.customerId())) <= 1) {
            return RepeatFacts.FIRST_CONTACT;
        }
        for (RepeatHistory history : repeatHistory) {
            try {
                return history.repeatsOf(view.id(), view.customerId(), message.getTopic(), message.getText(), now);
            } catch (RuntimeException e) {
                // The history is a help, not a condition for routing: a case is routed without it.
                log.warn("Repeat facts of case {} are unavailable, routing it as a first contact: {}", view.id(), e.toString());
            }
        }
        return RepeatFacts.FIRST_CONTACT;
    }

    /**
     * What the case was about before its latest message: the newest of its earlier messages (within the recent ones,
     * newest first) that speaks of a topic; null when none does.
     */
    private static Topic topicBefore(CaseId id, List<CustomerMessage> recent) {
        return recent.stream().filter(m -> m.caseId() == id.value()).skip(1)
                .map(m -> MessageFacts.topicOf(m.text())).filter(topic -> topic != Topic.OTHER)
                .findFirst().orElse(null);
    }

    /** The customer's recent negative messages (newest first, the latest included) about the topic. */
    private static int complaintsAbout(Topic topic, List<CustomerMessage> recent) {
        int complaints = 0;
        for (CustomerMessage earlier : recent) {
            if (earlier.sentiment() != null && earlier.sentiment().label() == SentimentLabel.NEGATIVE
                    && MessageFacts.topicOf(earlier.text()) == topic) {
                complaints++;
            }
        }
        return complaints;
    }
}
