package io.omnicase.process.internal;

import io.omnicase.cases.CaseId;
import io.omnicase.process.CaseTaskAssigned;
import io.omnicase.process.CaseTaskCreated;
import io.omnicase.process.CustomerCaseProcess;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the application when a case task is created (the supervisor floor shows it at once) and when it changes hands, from the engine's own task events (its Spring event bridge),
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
        boolean assigned = TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName());
        boolean created = TaskListener.EVENTNAME_CREATE.equals(task.getEventName());
        if (!(assigned || created) || !HANDLE_CASE.equals(task.getTaskDefinitionKey()) || task.getExecution() == null) {
            return;
        }
        String businessKey = task.getExecution().getProcessBusinessKey();
        if (businessKey == null) {
            return;
        }
        long caseId = CaseId.of(businessKey).value();
        events.publishEvent(assigned ? new CaseTaskAssigned(caseId, task.getId(), task.getAssignee())
                : new CaseTaskCreated(caseId, task.getId()));
    }
}
