package io.omnicase.channels.email;

import io.swagger.v3.oas.annotations.Operation;
import io.omnicase.http.InvalidFieldException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The log of machine mail that belongs to no case, for agents who wonder where an out-of-office or a ticket system's
 * acknowledgement went: read-only, newest first.
 */
@RestController
class MachineMailController {

    private static final int MAX_LIMIT = 200;

    private final MachineMail log;

    MachineMailController(MachineMail log) {
        this.log = log;
    }

    @Operation(summary = "Mail from machines (bounces, auto-replies) held back from cases")
    @GetMapping("/api/mail/machine")
    List<MachineMail.Entry> latest(@RequestParam(defaultValue = "50") int limit,
                                   @RequestParam(required = false) Long before) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidFieldException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (before != null && before < 1) {
            throw new InvalidFieldException("before", "must be an entry id (1 or more)");
        }
        return log.latest(limit, before);
    }
}
