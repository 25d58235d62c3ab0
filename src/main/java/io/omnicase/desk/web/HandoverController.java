package io.omnicase.desk.web;

import io.swagger.v3.oas.annotations.Operation;
import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseId;
import io.omnicase.desk.Handover;
import io.omnicase.desk.Handovers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/** The handover of a case, for the agent who takes it; earlier cases show only those the agent may read. */
@RestController
class HandoverController {

    private final Handovers handovers;
    private final CaseAccess access;

    HandoverController(Handovers handovers, CaseAccess access) {
        this.handovers = handovers;
        this.access = access;
    }

    @Operation(summary = "The handover of a case: summary, assistant's tries, routing, earlier cases")
    @GetMapping("/api/cases/{id}/handover")
    Handover handover(@PathVariable long id, Principal user) {
        access.checkRead(user.getName(), new CaseId(id));
        return handovers.of(new CaseId(id), access.readable(user.getName()));
    }
}
