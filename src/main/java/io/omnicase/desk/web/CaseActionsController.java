package io.omnicase.desk.web;

import io.swagger.v3.oas.annotations.Operation;
import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.http.ConflictException;
import io.omnicase.http.NotFoundException;
import io.omnicase.process.CaseForms;
import io.omnicase.process.CaseStep;
import io.omnicase.process.CaseWork;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/**
 * Agents fill in the form of a case's step (the task's Camunda Form), resolve and close cases; the process moves on
 * and records it. All pass the case access policy first, and who resolved or closed a case is always the authenticated
 * user, never a value the client sends.
 */
@RestController
class CaseActionsController {

    private final CaseWork work;
    private final CaseManagement cases;
    private final CaseAccess access;
    private final CaseForms forms;

    CaseActionsController(CaseWork work, CaseManagement cases, CaseAccess access, CaseForms forms) {
        this.work = work;
        this.forms = forms;
        this.cases = cases;
        this.access = access;
    }

    /**
     * The form of the case's current step, as deployed with the case's process version: the open user task's Camunda
     * Form (whichever task the model waits in), or the resolve form while the assistant keeps the case. 404 when no
     * step waits for a person.
     */
    @Operation(summary = "The form of the case's current step, as deployed with its process")
    @GetMapping("/api/cases/{id}/form")
    StepForm form(@PathVariable long id, Principal user) {
        CaseId caseId = new CaseId(id);
        access.checkRead(user.getName(), caseId);
        CaseStep step = forms.stepOf(caseId).orElseThrow(() ->
                new NotFoundException("Case " + id + " has no step waiting for a person: it is " + status(caseId)));
        return StepForm.of(id, step);
    }

    /**
     * Submits the form of the case's current step with the form's own variables: checked against that form's schema
     * (a required field missing, a field the form does not have, a value of the wrong type or outside its options or
     * lengths: 400 naming each field), then the task completes, or the case resolves. {@code taskId} names the step
     * the user saw: if the case moved on meanwhile, 409.
     */
    @Operation(summary = "Submit the form of the case's current step")
    @PostMapping(path = "/api/cases/{id}/form", consumes = MediaType.APPLICATION_JSON_VALUE)
    CaseStateResponse submit(@PathVariable long id, @RequestParam(required = false) @Size(max = 64) String taskId,
                             @RequestBody JsonNode values, Principal agent) {
        CaseId caseId = new CaseId(id);
        String me = agent.getName();
        access.checkMayWork(me, caseId);
        CaseStep done = forms.submit(caseId, taskId, me, values).orElseThrow(() ->
                new ConflictException("Case " + id + " has no step to submit now: it is " + status(caseId)));
        access.recordHandled(me, caseId, done.action() == CaseStep.Action.RESOLVE ? CaseAccess.How.RESOLVED : CaseAccess.How.CLAIMED);
        return new CaseStateResponse(id, status(caseId));
    }

    /**
     * Resolves an escalated case (completing its handling task) or a case in self-service, with the variables of the
     * resolve form (checked against it as {@code /form} checks them). Refused (409) while the case is at a step that
     * does not resolve it.
     */
    @Operation(summary = "Resolve the case with a topic and a resolution note")
    @PostMapping(path = "/api/cases/{id}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
    CaseStateResponse resolve(@PathVariable long id, @RequestBody JsonNode values, Principal agent) {
        CaseId caseId = new CaseId(id);
        String me = agent.getName();
        access.checkMayWork(me, caseId);
        CaseStep step = forms.stepOf(caseId).orElseThrow(() ->
                new ConflictException("Case " + id + " cannot be resolved now: it is " + status(caseId)));
        if (step.action() != CaseStep.Action.RESOLVE) {
            throw new ConflictException("Case " + id + " is at the step \"" + step.name() + "\", which does not resolve it: "
                    + "submit that step's form (/api/cases/" + id + "/form)");
        }
        forms.submit(caseId, step.taskId() == null ? "" : step.taskId(), me, values).orElseThrow(() ->
                new ConflictException("Case " + id + " cannot be resolved now: it is " + status(caseId)));
        access.recordHandled(me, caseId, CaseAccess.How.RESOLVED);
        return new CaseStateResponse(id, status(caseId));
    }

    /** Closes a resolved case before its follow-up period ends. */
    @Operation(summary = "Close a resolved case")
    @PostMapping("/api/cases/{id}/close")
    CaseStateResponse close(@PathVariable long id, Principal agent) {
        CaseId caseId = new CaseId(id);
        access.checkWrite(agent.getName(), caseId);
        if (!work.close(caseId, agent.getName())) {
            throw new ConflictException("Case " + id + " cannot be closed now: only a resolved case can be closed, it is "
                    + status(caseId));
        }
        access.recordHandled(agent.getName(), caseId, CaseAccess.How.CLOSED);
        return new CaseStateResponse(id, status(caseId));
    }

    private String status(CaseId caseId) {
        return cases.find(caseId).orElseThrow().status().name();
    }

    /**
     * A step's form for the desk's form-js viewer: the task (null in self-service), its name, whether submitting
     * resolves the case, and the Camunda Form's schema (null when the step has no form).
     */
    record StepForm(long caseId, String taskId, String name, CaseStep.Action action, String formId, JsonNode schema) {

        static StepForm of(long caseId, CaseStep step) {
            return new StepForm(caseId, step.taskId(), step.name(), step.action(),
                    step.form() == null ? null : step.form().id(), step.form() == null ? null : step.form().json());
        }
    }

    record CaseStateResponse(long caseId, String status) {
    }
}
