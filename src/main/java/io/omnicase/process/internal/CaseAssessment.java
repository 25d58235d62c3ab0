package io.omnicase.process.internal;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseSnapshot;
import io.omnicase.cases.Decision;
import io.omnicase.customers.Customer;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.Customers;
import io.omnicase.routing.CaseFacts;
import io.omnicase.routing.MessageFacts;
import io.omnicase.routing.Routing;
import io.omnicase.routing.RoutingDecision;
import org.springframework.stereotype.Component;

/** Gathers the facts of a case, asks routing, and records the decision on the case. */
@Component
class CaseAssessment {

    private final CaseManagement cases;
    private final Customers customers;
    private final Routing routing;

    CaseAssessment(CaseManagement cases, Customers customers, Routing routing) {
        this.cases = cases;
        this.customers = customers;
        this.routing = routing;
    }

    RoutingDecision assess(CaseId id) {
        CaseSnapshot snapshot = cases.snapshot(id);
        Customer.Tier tier = customers.find(new CustomerId(snapshot.view().customerId()))
                .map(Customer::tier).orElse(Customer.Tier.STANDARD);
        RoutingDecision decision = routing.decide(
                new CaseFacts(snapshot.view().channel(), tier, snapshot.messageCount(), snapshot.view().reopenCount(),
                        snapshot.openCasesOfCustomer()),
                new MessageFacts(snapshot.latestMessage()));
        cases.recordDecision(id, new Decision(decision.selfService(), decision.queue().group(),
                decision.priority().taskPriority(), decision.rulesFired(), decision.ruleSetVersion()));
        return decision;
    }
}
