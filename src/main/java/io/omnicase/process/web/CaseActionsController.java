package io.omnicase.process.web;

import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.process.CustomerCaseProcess;
import io.omnicase.process.CustomerCaseProcess.Messages;
import io.omnicase.process.CustomerCaseProcess.Variables;
import io.omnicase.routing.Topic;
import io.omnicase.web.ConflictException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

/**
 * Agents resolve and close cases; the process moves on and records it. Both pass the case access policy first, and
 * who resolved or closed a case is always the authenticated user, never a value the client sends.
 */
@RestController
class CaseActionsController {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final CaseManagement cases;
    private final CaseAccess access;

    CaseActionsController(RuntimeService runtime, TaskService tasks, CaseManagement cases, CaseAccess access) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.cases = cases;
        this.access = access;
    }

    /** Resolves an escalated case (completing its task) or a case in self-service. */
    @PostMapping(path = "/api/cases/{id}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
    CaseStateResponse resolve(@PathVariable long id, @Valid @RequestBody ResolveRequest request, Principal agent) {
        CaseId caseId = new CaseId(id);
        access.checkWrite(agent.getName(), caseId);
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.RESOLVED_BY, agent.getName());
        variables.put(Variables.RESOLUTION, request.resolution());
        if (request.topic() != null) {
            variables.put(Variables.TOPIC, request.topic().name());
        }
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(caseId.businessKey())
                .taskDefinitionKey(CustomerCaseProcess.Elements.user_handle_case.id()).singleResult();
        if (task != null) {
            if (task.getAssignee() != null && !task.getAssignee().equals(agent.getName())
                    && !access.takesOverClaimedTasks(agent.getName())) {
                throw new ConflictException("Case " + id + " is being handled by " + task.getAssignee()
                        + "; only a supervisor can take it over");
            }
            if (task.getAssignee() == null) {
                tasks.claim(task.getId(), agent.getName());
            }
            tasks.complete(task.getId(), variables);
        } else if (correlate(caseId, Messages.RESOLVE_REQUESTED, variables) == 0) {
            throw new ConflictException("Case " + id + " cannot be resolved now: it is " + cases.find(caseId).orElseThrow().status());
        }
        access.recordHandled(agent.getName(), caseId, CaseAccess.How.RESOLVED);
        return new CaseStateResponse(id, cases.find(caseId).orElseThrow().status().name());
    }

    /** Closes a resolved case before its follow-up period ends. */
    @PostMapping("/api/cases/{id}/close")
    CaseStateResponse close(@PathVariable long id, Principal agent) {
        CaseId caseId = new CaseId(id);
        access.checkWrite(agent.getName(), caseId);
        if (correlate(caseId, Messages.CLOSE_REQUESTED, Map.of(Variables.CLOSED_BY, agent.getName())) == 0) {
            throw new ConflictException("Case " + id + " cannot be closed now: only a resolved case can be closed, it is "
                    + cases.find(caseId).orElseThrow().status());
        }
        access.recordHandled(agent.getName(), caseId, CaseAccess.How.CLOSED);
        return new CaseStateResponse(id, cases.find(caseId).orElseThrow().status().name());
    }

    private int correlate(CaseId caseId, String message, Map<String, Object> variables) {
        return runtime.createMessageCorrelation(message).processInstanceBusinessKey(caseId.businessKey())
                .setVariables(variables).correlateAllWithResult().size();
    }

    /** {@code topic} is one of {@link Topic}; anything else is answered 400 naming the field. */
    record ResolveRequest(@Size(max = 4000) String resolution, Topic topic) {
    }

    record CaseStateResponse(long caseId, String status) {
    }
}
