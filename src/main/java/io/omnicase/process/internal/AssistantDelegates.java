package io.omnicase.process.internal;

import io.omnicase.assistant.SelfService;
import io.omnicase.cases.CaseId;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.omnicase.process.CustomerCaseProcess.ASSISTANT_OUTCOME;
import static io.omnicase.process.CustomerCaseProcess.LOW_CONFIDENCE_COUNT;
import static io.omnicase.process.CustomerCaseProcess.RESOLVED_BY;

/** The self-service delegates of customer-case.bpmn: glue between the model and the assistant module. */
@Configuration(proxyBeanMethods = false)
class AssistantDelegates {

    /** {@code task_answer_customer}: the assistant's turn; {@code xor_assistant_outcome} branches on its outcome. */
    @Bean
    JavaDelegate answerCustomer(SelfService selfService) {
        return execution -> {
            SelfService.Turn turn = selfService.respond(CaseId.of(execution.getProcessBusinessKey()),
                    LOW_CONFIDENCE_COUNT.get(execution, 0));
            ASSISTANT_OUTCOME.set(execution, turn.outcome());
            LOW_CONFIDENCE_COUNT.set(execution, turn.lowConfidenceCount());
            if (turn.outcome() == SelfService.Outcome.CONFIRMED) {
                RESOLVED_BY.set(execution, "assistant (customer confirmed)");
            }
        };
    }
}
