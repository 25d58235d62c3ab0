package io.omnicase.cases.web;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseNotFoundException;
import io.omnicase.cases.CaseStateException;
import io.omnicase.cases.CaseView;
import io.omnicase.cases.TimelineEntry;
import io.omnicase.web.ConflictException;
import io.omnicase.web.NotFoundException;
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

/** Cases, their timelines and agents' replies. */
@RestController
class CaseController {

    private final CaseManagement cases;

    CaseController(CaseManagement cases) {
        this.cases = cases;
    }

    @GetMapping("/api/cases/{id}")
    CaseView get(@PathVariable long id) {
        return cases.find(new CaseId(id)).orElseThrow(() -> new NotFoundException("Case " + id + " does not exist"));
    }

    @GetMapping("/api/cases/{id}/timeline")
    List<TimelineEntry> timeline(@PathVariable long id) {
        try {
            return cases.timeline(new CaseId(id));
        } catch (CaseNotFoundException e) {
            throw new NotFoundException(e.getMessage());
        }
    }

    @PostMapping(path = "/api/cases/{id}/replies", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReplyResponse> reply(@PathVariable long id, @Valid @RequestBody ReplyRequest request, Principal agent) {
        try {
            long interactionId = cases.reply(new CaseId(id), agent.getName(), request.text());
            return ResponseEntity.status(HttpStatus.CREATED)
                    .location(URI.create("/api/cases/" + id + "/timeline"))
                    .body(new ReplyResponse(id, interactionId));
        } catch (CaseNotFoundException e) {
            throw new NotFoundException(e.getMessage());
        } catch (CaseStateException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    record ReplyRequest(@NotBlank @Size(max = MessageIntakeController.MAX_TEXT) String text) {
    }

    record ReplyResponse(long caseId, long interactionId) {
    }
}
