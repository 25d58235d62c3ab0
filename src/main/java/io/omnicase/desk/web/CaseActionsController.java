package io.omnicase.desk.web;

import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.process.CaseWork;
import io.omnicase.routing.Topic;
import io.omnicase.http.ConflictException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/**
 * Agents resolve and close cases; the process moves on and records it. Both pass the case access policy first, and
 * who resolved or closed a case is always the authenticated user, never a value the client sends.
 */
@RestController
class CaseActionsController {

    private final CaseWork work;
    private final CaseManagement cases;
    private final CaseAccess access;

    CaseActionsController(CaseWork work, CaseManagement cases, CaseAccess access) {
        this.work = work;
        this.cases = cases;
        this.access = access;
    }

    /** Resolves an escalated case (completing its task) or a case in self-service. */
    @PostMapping(path = "/api/cases/{id}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
    CaseStateResponse resolve(@PathVariable long id, @Valid @RequestBody ResolveRequest request, Principal agent) {
        CaseId caseId = new CaseId(id);
        String me = agent.getName();
        access.checkWrite(me, caseId);
        work.taskOf(caseId).filter(task -> task.claimed() && !task.heldBy(me)).ifPresent(task -> {
            if (!access.takesOverClaimedTasks(me)) {
                throw new ConflictException("Case " + id + " is being handled by " + task.assignee()
                        + "; only a supervisor can take it over");
            }
        });
        if (!work.resolve(caseId, me, request.resolution(), request.topic())) {
            throw new ConflictException("Case " + id + " cannot be resolved now: it is " + status(caseId));
        }
        access.recordHandled(me, caseId, CaseAccess.How.RESOLVED);
        return new CaseStateResponse(id, status(caseId));
    }

    /** Closes a resolved case before its follow-up period ends. */
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

    /** {@code topic} is one of {@link Topic}; anything else is answered 400 naming the field. */
    record ResolveRequest(@Size(max = 4000) String resolution, Topic topic) {
    }

    record CaseStateResponse(long caseId, String status) {
    }
}
