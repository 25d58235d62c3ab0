package io.omnicase.process.internal;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseSnapshot;
import io.omnicase.cases.CaseView;
import io.omnicase.cases.CustomerMessage;
import io.omnicase.cases.Decision;
import io.omnicase.customers.Customer;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.Customers;
import io.omnicase.routing.CaseFacts;
import io.omnicase.routing.CustomerFacts;
import io.omnicase.routing.MessageFacts;
import io.omnicase.routing.Routing;
import io.omnicase.routing.RoutingDecision;
import io.omnicase.routing.RoutingFacts;
import io.omnicase.routing.Topic;
import io.omnicase.sentiment.SentimentLabel;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/** Gathers the facts of a case, asks routing, and records the decision on the case. */
@Component
class CaseAssessment {

    private final CaseManagement cases;
    private final Customers customers;
    private final Routing routing;
    private final Clock clock;

    CaseAssessment(CaseManagement cases, Customers customers, Routing routing) {
        this.cases = cases;
        this.customers = customers;
        this.routing = routing;
        this.clock = Clock.systemUTC();
    }

    RoutingDecision assess(CaseId id) {
        RoutingFacts facts = factsOf(cases.snapshot(id));
        RoutingDecision decision = routing.decide(id, facts);
        cases.recordDecision(id, new Decision(decision.selfService(), decision.queue().group(),
                decision.priority().taskPriority(), decision.requiredSkills().stream().map(Enum::name).sorted().toList(),
                decision.rulesFired(), decision.ruleSetVersion()));
        return decision;
    }

    private RoutingFacts factsOf(CaseSnapshot snapshot) {
        CaseView view = snapshot.view();
        Customer.Tier tier = customers.find(new CustomerId(view.customerId()))
                .map(Customer::tier).orElse(Customer.Tier.STANDARD);
        MessageFacts message = new MessageFacts(snapshot.latestMessage(), snapshot.latestSentiment());
        CaseFacts caseFacts = new CaseFacts(view.channel(), view.status(),
                Duration.between(view.openedAt(), clock.instant()).toHours(), snapshot.messageCount(),
                view.reopenCount(), view.sentiment().value(), view.sentiment().trend());
        return new RoutingFacts(caseFacts, new CustomerFacts(tier, snapshot.openCasesOfCustomer(),
                snapshot.recentCasesOfCustomer(), complaintsAbout(message.getTopic(), snapshot)), message);
    }

    /** The customer's negative messages of the last 90 days about the topic, the latest message included. */
    private static int complaintsAbout(Topic topic, CaseSnapshot snapshot) {
        int complaints = 0;
        for (CustomerMessage earlier : snapshot.recentMessagesOfCustomer()) {
            if (earlier.sentiment() != null && earlier.sentiment().label() == SentimentLabel.NEGATIVE
                    && MessageFacts.topicOf(earlier.text()) == topic) {
                complaints++;
            }
        }
        return complaints;
    }
}
