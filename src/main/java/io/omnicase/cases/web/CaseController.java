package io.omnicase.cases.web;

import io.swagger.v3.oas.annotations.Operation;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseAssignments;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseView;
import io.omnicase.cases.TimelineEntry;
import io.omnicase.customers.Customer;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.Customers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.util.List;

/** Cases, their timelines and agents' replies; each call passes the case access policy first. */
@RestController
class CaseController {

    private final CaseManagement cases;
    private final CaseAccess access;
    private final Customers customers;
    private final List<CaseAssignments> assignments;

    CaseController(CaseManagement cases, CaseAccess access, Customers customers, List<CaseAssignments> assignments) {
        this.cases = cases;
        this.access = access;
        this.customers = customers;
        this.assignments = List.copyOf(assignments);
    }

    @Operation(summary = "Read a case: status, queue, priority, customer, who holds it")
    @GetMapping("/api/cases/{id}")
    CaseDetails get(@PathVariable long id, Principal user) {
        CaseView view = access.checkRead(user.getName(), new CaseId(id));
        return new CaseDetails(view, customers.find(new CustomerId(view.customerId())).map(Customer::shownName)
                .orElse("Customer #" + view.customerId()),
                assignments.stream().flatMap(a -> a.assigneeOf(new CaseId(id)).stream()).findFirst().orElse(null));
    }

    /**
     * The case with the name agents know its customer by (never a chat visitor's random id) and who holds its task
     * (null when no one does).
     */
    record CaseDetails(@JsonUnwrapped CaseView view, String customerName,
                       @JsonInclude(JsonInclude.Include.ALWAYS) String assignee) {
    }

    @Operation(summary = "A case's timeline: messages, replies, routing decisions, status changes")
    @GetMapping("/api/cases/{id}/timeline")
    List<TimelineEntry> timeline(@PathVariable long id, Principal user) {
        access.checkRead(user.getName(), new CaseId(id));
        return cases.timeline(new CaseId(id));
    }

    @Operation(summary = "Reply to the customer on the case's channel")
    @PostMapping(path = "/api/cases/{id}/replies", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReplyResponse> reply(@PathVariable long id, @Valid @RequestBody ReplyRequest request, Principal agent) {
        // As for the case's form: a case a colleague holds is theirs to answer (a supervisor takes it over).
        access.checkMayWork(agent.getName(), new CaseId(id));
        // An agent who answers a waiting case of their queue takes it: left unheld, a colleague claimed it and
        // answered the customer a second time (walk of 4 December). Taken before the reply is recorded, so a waiting
        // chat visitor reads "Alex Agent has joined the conversation" before Alex's answer, not after it (walk 47).
        java.util.Set<String> mine = access.queuesTakenByWork(agent.getName());
        if (!mine.isEmpty()) {
            assignments.stream().anyMatch(a -> a.takeIfFree(agent.getName(), new CaseId(id), mine));
        }
        long interactionId = cases.reply(new CaseId(id), agent.getName(), request.text());
        access.recordHandled(agent.getName(), new CaseId(id), CaseAccess.How.REPLIED);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/cases/" + id + "/timeline"))
                .body(new ReplyResponse(id, interactionId));
    }

    record ReplyRequest(@NotBlank @io.omnicase.http.VisibleText @Size(max = MessageIntakeController.MAX_TEXT) String text) {
    }

    record ReplyResponse(long caseId, long interactionId) {
    }
}
