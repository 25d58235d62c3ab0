package io.omnicase.process.internal;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseStatus;
import io.omnicase.cases.MessageReceived;
import io.omnicase.process.CustomerCaseProcess;
import io.omnicase.process.CustomerCaseProcess.Messages;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a case's process on its first message and hands later messages to the running process. Runs after the
 * intake transaction commits; a failure leaves the event publication incomplete and it is delivered again.
 */
@Component
class CaseProcessStarter {

    private final RuntimeService runtime;
    private final CaseManagement cases;
    private final Duration selfServiceTimeout;
    private final Duration autoCloseAfter;

    CaseProcessStarter(RuntimeService runtime, CaseManagement cases,
                       @Value("${omnicase.case.self-service-timeout:PT24H}") Duration selfServiceTimeout,
                       @Value("${omnicase.case.auto-close-after:P7D}") Duration autoCloseAfter) {
        this.runtime = runtime;
        this.cases = cases;
        this.selfServiceTimeout = selfServiceTimeout;
        this.autoCloseAfter = autoCloseAfter;
    }

    @ApplicationModuleListener
    void on(MessageReceived message) throws InterruptedException {
        // The process is often only milliseconds from a wait state; try a few times before leaving it to redelivery.
        for (int attempt = 1; ; attempt++) {
            try {
                deliver(message);
                return;
            } catch (ProcessNotReadyException e) {
                if (attempt == 8) {
                    throw e;
                }
                Thread.sleep(25L << attempt);
            }
        }
    }

    private void deliver(MessageReceived message) {
        CaseId caseId = new CaseId(message.caseId());
        ProcessInstance running = runtime.createProcessInstanceQuery()
                .processDefinitionKey(CustomerCaseProcess.KEY)
                .processInstanceBusinessKey(caseId.businessKey())
                .singleResult();
        if (running == null) {
            if (message.newCase()) {
                runtime.createProcessInstanceByKey(CustomerCaseProcess.KEY)
                        .businessKey(caseId.businessKey())
                        .setVariables(startVariables())
                        .execute();
                return;
            }
            if (cases.find(caseId).map(c -> c.status() == CaseStatus.CLOSED).orElse(true)) {
                return;
            }
            throw new ProcessNotReadyException("The process of case " + caseId.value() + " has not started yet");
        }
        if (message.newCase()) {
            return; // delivered again after the process had been started
        }
        int correlated = runtime.createMessageCorrelation(Messages.CUSTOMER_MESSAGE)
                .processInstanceBusinessKey(caseId.businessKey())
                .correlateAllWithResult().size();
        if (correlated == 0) {
            // The process is between wait states (its assessment job is running): deliver again later.
            throw new ProcessNotReadyException("The process of case " + caseId.value() + " is not waiting for a message");
        }
    }

    /** The periods the model's timers read, from configuration. */
    private Map<String, Object> startVariables() {
        Map<String, Object> variables = new HashMap<>();
        CustomerCaseProcess.SELF_SERVICE_TIMEOUT.put(variables, selfServiceTimeout);
        CustomerCaseProcess.AUTO_CLOSE_AFTER.put(variables, autoCloseAfter);
        return variables;
    }

    /** The process cannot take the message yet; the event is delivered again. */
    static class ProcessNotReadyException extends RuntimeException {
        ProcessNotReadyException(String message) {
            super(message);
        }
    }
}
