package io.omnicase.process.web;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.process.CustomerCaseProcess;
import io.omnicase.process.CustomerCaseProcess.Messages;
import io.omnicase.process.CustomerCaseProcess.Variables;
import io.omnicase.web.ConflictException;
import io.omnicase.web.NotFoundException;
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

/** Agents resolve and close cases; the process moves on and records it. */
@RestController
class CaseActionsController {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final CaseManagement cases;

    CaseActionsController(RuntimeService runtime, TaskService tasks, CaseManagement cases) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.cases = cases;
    }

    /** Resolves an escalated case (completing its task) or a case in self-service. */
    @PostMapping(path = "/api/cases/{id}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
    CaseStateResponse resolve(@PathVariable long id, @Valid @RequestBody ResolveRequest request, Principal agent) {
        CaseId caseId = existing(id);
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.RESOLVED_BY, agent.getName());
        variables.put(Variables.RESOLUTION, request.resolution());
        if (request.topic() != null) {
            variables.put(Variables.TOPIC, request.topic());
        }
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(caseId.businessKey())
                .taskDefinitionKey(CustomerCaseProcess.Elements.user_handle_case.id()).singleResult();
        if (task != null) {
            if (task.getAssignee() == null) {
                tasks.claim(task.getId(), agent.getName());
            }
            tasks.complete(task.getId(), variables);
        } else if (correlate(caseId, Messages.RESOLVE_REQUESTED, variables) == 0) {
            throw new ConflictException("Case " + id + " cannot be resolved now: it is " + cases.find(caseId).orElseThrow().status());
        }
        return new CaseStateResponse(id, cases.find(caseId).orElseThrow().status().name());
    }

    /** Closes a resolved case before its follow-up period ends. */
    @PostMapping("/api/cases/{id}/close")
    CaseStateResponse close(@PathVariable long id, Principal agent) {
        CaseId caseId = existing(id);
        if (correlate(caseId, Messages.CLOSE_REQUESTED, Map.of(Variables.CLOSED_BY, agent.getName())) == 0) {
            throw new ConflictException("Case " + id + " cannot be closed now: only a resolved case can be closed, it is "
                    + cases.find(caseId).orElseThrow().status());
        }
        return new CaseStateResponse(id, cases.find(caseId).orElseThrow().status().name());
    }

    private int correlate(CaseId caseId, String message, Map<String, Object> variables) {
        return runtime.createMessageCorrelation(message).processInstanceBusinessKey(caseId.businessKey())
                .setVariables(variables).correlateAllWithResult().size();
    }

    private CaseId existing(long id) {
        CaseId caseId = new CaseId(id);
        cases.find(caseId).orElseThrow(() -> new NotFoundException("Case " + id + " does not exist"));
        return caseId;
    }

    record ResolveRequest(@Size(max = 4000) String resolution, @Size(max = 40) String topic) {
    }

    record CaseStateResponse(long caseId, String status) {
    }
}
