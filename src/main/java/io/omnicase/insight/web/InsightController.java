package io.omnicase.insight.web;

import io.swagger.v3.oas.annotations.Operation;
import io.omnicase.cases.CaseId;
import io.omnicase.http.InvalidFieldException;
import io.omnicase.http.RequestDates;
import io.omnicase.insight.Coaching;
import io.omnicase.insight.CoachingReport;
import io.omnicase.insight.RepeatIssues;
import io.omnicase.insight.Repeats;
import io.omnicase.search.HistoryUnavailableException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;

/**
 * The history's patterns over HTTP: a case's earlier cases about the same issue (for the desk; the case access policy
 * decides, and earlier cases the reader may not open show no text) and the coaching figures of a period (supervisors
 * and admins, by the security configuration).
 */
@RestController
class InsightController {

    /** The longest period a coaching report covers. */
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final RepeatIssues repeats;
    private final Coaching coaching;

    InsightController(RepeatIssues repeats, Coaching coaching) {
        this.repeats = repeats;
        this.coaching = coaching;
    }

    @Operation(summary = "The customer's earlier cases about the same issue")
    @GetMapping("/api/cases/{id}/repeats")
    Repeats repeats(@PathVariable long id, Principal user) {
        return repeats.earlierCases(user.getName(), new CaseId(id));
    }

    /**
     * @param from  inclusive start, an ISO date (2026-11-01) or instant; default 30 days before {@code to}
     * @param to    exclusive end, same forms; default now
     * @param queue only cases of this queue
     */
    @Operation(summary = "Coaching figures per agent and topic, and the moments to look at")
    @GetMapping("/api/insight/coaching")
    CoachingReport coaching(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            @RequestParam(required = false) String queue) {
        Instant until = to == null || to.isBlank() ? Instant.now() : RequestDates.instant("to", to);
        Instant since = from == null || from.isBlank() ? until.minus(Duration.ofDays(30)) : RequestDates.instant("from", from);
        if (!since.isBefore(until)) {
            throw new InvalidFieldException("from", "must be before to");
        }
        if (Duration.between(since, until).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidFieldException("from", "the period may span at most 366 days");
        }
        if (queue != null && !queue.isBlank() && !queue.strip().matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new InvalidFieldException("queue", "must be a queue name (letters, digits, _ . -, at most 64)");
        }
        return coaching.report(since, until, queue == null ? null : queue.strip());
    }

    @ExceptionHandler(HistoryUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(HistoryUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The interaction history cannot be reached for now; try again shortly");
        problem.setTitle("History index unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "10").body(problem);
    }

}
