package io.omnicase.assistant.internal;

import io.omnicase.assistant.Assistant;
import io.omnicase.assistant.Example;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseView;
import io.omnicase.cases.CaseResolved;
import io.omnicase.customers.Customer;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.Customers;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Every case a person resolves becomes an example: the customer's question, the answer that resolved it, its topic.
 * Cases the assistant closed itself teach nothing new, and a case without an answer or topic cannot ground one. The
 * example keeps its case and queue: it is knowledge only for those who may see that case.
 */
@Component
class CaseLearning {

    static final String ORIGIN = "resolved-case";

    /** Where a case counts as sitting before its first routing decision (as for the case access policy). */
    private static final String UNROUTED_QUEUE = "general";

    private final Assistant assistant;
    private final CaseManagement cases;
    private final Customers customers;

    CaseLearning(Assistant assistant, CaseManagement cases, Customers customers) {
        this.assistant = assistant;
        this.cases = cases;
        this.customers = customers;
    }

    // After commit, on the event pool, without a transaction of its own: no database connection is held while
    // Elasticsearch is called. The publication registry still tracks the delivery and redelivers it on failure.
    @Async
    @TransactionalEventListener
    void on(CaseResolved resolved) {
        if (resolved.resolvedBy() == null || resolved.resolvedBy().startsWith(CaseManagement.ASSISTANT)
                || blank(resolved.question()) || blank(resolved.answer()) || blank(resolved.topic())) {
            return;
        }
        // The example answers only askers who may see the case: its readers, and conversations in its queue.
        String queue = cases.find(new CaseId(resolved.caseId())).map(CaseView::queue).orElse(null);
        // One example per customer message: a later asker's words are compared with each way this customer put it
        // (the question, then "I mean..."), not with all of it run together, which matches no single question well.
        List<String> asked = resolved.questions().stream().filter(text -> !blank(text)).toList();
        String key = "case:" + resolved.caseId() + ":" + resolved.occurredAt().toEpochMilli();
        // The answer is offered to other customers: without this one's name, the greeting and the agent's sign-off.
        String answer = Impersonal.answer(resolved.answer(), customers.find(new CustomerId(resolved.customerId()))
                .map(Customer::displayName).stream().toList());
        for (int i = 0; i < asked.size(); i++) {
            assistant.learn(new Example(asked.get(i), answer, resolved.topic()), ORIGIN,
                    i == 0 ? key : key + ":" + i, resolved.resolvedBy(),
                    resolved.caseId(), (queue == null ? UNROUTED_QUEUE : queue).toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
