package io.omnicase.process.internal;

import io.omnicase.assistant.SelfService;
import io.omnicase.cases.CaseId;
import io.omnicase.process.CustomerCaseProcess.Variables;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The self-service delegates of customer-case.bpmn: glue between the model and the assistant module. */
@Configuration(proxyBeanMethods = false)
class AssistantDelegates {

    /** {@code task_answer_customer}: the assistant's turn; {@code xor_assistant_outcome} branches on its outcome. */
    @Bean
    JavaDelegate answerCustomer(SelfService selfService) {
        return execution -> {
            Object low = execution.getVariable(Variables.LOW_CONFIDENCE_COUNT);
            SelfService.Turn turn = selfService.respond(CaseId.of(execution.getProcessBusinessKey()),
                    low instanceof Integer count ? count : 0);
            execution.setVariable(Variables.ASSISTANT_OUTCOME, turn.outcome().name());
            execution.setVariable(Variables.LOW_CONFIDENCE_COUNT, turn.lowConfidenceCount());
            if (turn.outcome() == SelfService.Outcome.CONFIRMED) {
                execution.setVariable(Variables.RESOLVED_BY, "assistant (customer confirmed)");
            }
        };
    }
}
