package io.omnicase.process.internal;

import io.omnicase.cases.CaseId;
import io.omnicase.process.CaseTaskAssigned;
import io.omnicase.process.CustomerCaseProcess;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the application when a case task changes hands, from the engine's own task events (its Spring event bridge),
 * so a claim in Tasklist reaches the desk as a claim at the desk does.
 */
@Component
class TaskAssignmentEvents {

    private static final String HANDLE_CASE = CustomerCaseProcess.Elements.user_handle_case.id();

    private final ApplicationEventPublisher events;

    TaskAssignmentEvents(ApplicationEventPublisher events) {
        this.events = events;
    }

    @EventListener
    void on(DelegateTask task) {
        if (!TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName()) || !HANDLE_CASE.equals(task.getTaskDefinitionKey())
                || task.getExecution() == null) {
            return;
        }
        String businessKey = task.getExecution().getProcessBusinessKey();
        if (businessKey != null) {
            events.publishEvent(new CaseTaskAssigned(CaseId.of(businessKey).value(), task.getId(), task.getAssignee()));
        }
    }
}
