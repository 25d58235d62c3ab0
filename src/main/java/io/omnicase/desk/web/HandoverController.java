package io.omnicase.desk.web;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseNotFoundException;
import io.omnicase.desk.Handover;
import io.omnicase.desk.Handovers;
import io.omnicase.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The handover of a case, for the agent who takes it. */
@RestController
class HandoverController {

    private final Handovers handovers;

    HandoverController(Handovers handovers) {
        this.handovers = handovers;
    }

    @GetMapping("/api/cases/{id}/handover")
    Handover handover(@PathVariable long id) {
        try {
            return handovers.of(new CaseId(id));
        } catch (CaseNotFoundException e) {
            throw new NotFoundException(e.getMessage());
        }
    }
}
