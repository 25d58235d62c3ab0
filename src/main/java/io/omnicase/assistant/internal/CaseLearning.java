package io.omnicase.assistant.internal;

import io.omnicase.assistant.Assistant;
import io.omnicase.assistant.Example;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseResolved;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Every case a person resolves becomes an example: the customer's question, the answer that resolved it, its topic.
 * Cases the assistant closed itself teach nothing new, and a case without an answer or topic cannot ground one.
 */
@Component
class CaseLearning {

    static final String ORIGIN = "resolved-case";

    private final Assistant assistant;

    CaseLearning(Assistant assistant) {
        this.assistant = assistant;
    }

    @ApplicationModuleListener
    void on(CaseResolved resolved) {
        if (resolved.resolvedBy() == null || resolved.resolvedBy().startsWith(CaseManagement.ASSISTANT)
                || blank(resolved.question()) || blank(resolved.answer()) || blank(resolved.topic())) {
            return;
        }
        assistant.learn(new Example(resolved.question(), resolved.answer(), resolved.topic()), ORIGIN,
                "case:" + resolved.caseId() + ":" + resolved.occurredAt().toEpochMilli(), resolved.resolvedBy());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
