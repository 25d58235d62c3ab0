package io.omnicase.search.web;

import io.swagger.v3.oas.annotations.Operation;
import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseScope;
import io.omnicase.customers.Channel;
import io.omnicase.search.HistoryUnavailableException;
import io.omnicase.search.InteractionIndex;
import io.omnicase.search.SearchQuery;
import io.omnicase.search.SearchResult;
import io.omnicase.http.InvalidFieldException;
import io.omnicase.http.RequestDates;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Searches the interaction history. A reader finds only entries of cases the case access policy lets them read: their
 * scope is a filter inside the Elasticsearch query, so nothing else is fetched, counted or ranked.
 */
@RestController
class SearchController {

    private final InteractionIndex index;
    private final CaseAccess access;

    SearchController(InteractionIndex index, CaseAccess access) {
        this.index = index;
        this.access = access;
    }

    /**
     * @param q    words to find in message text (simple query syntax: quotes for phrases, - to exclude)
     * @param from inclusive start, an ISO date (2026-11-01) or instant (2026-11-01T10:00:00Z)
     * @param to   exclusive end, same forms
     */
    @Operation(summary = "Search the messages of the cases you may read")
    @GetMapping("/api/search")
    SearchResult search(@RequestParam(required = false) @Size(max = 500) String q,
                        @RequestParam(required = false) Long customer,
                        @RequestParam(name = "case", required = false) Long caseId,
                        @RequestParam(required = false) String channel,
                        @RequestParam(required = false) String from,
                        @RequestParam(required = false) String to,
                        @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                        Principal user) {
        String onChannel = channel(channel);
        Instant since = RequestDates.instant("from", from);
        Instant until = RequestDates.instant("to", to);
        CaseScope scope = access.readableScope(user.getName());
        SearchResult result = index.search(new SearchQuery(q, customer, caseId, onChannel, since, until, size,
                scope.all() ? null : scope.caseIds()));
        // Whole texts and senders: a read of each case shown, in the audit trail as any other read.
        Map<Long, Long> shown = new LinkedHashMap<>();
        result.hits().forEach(hit -> shown.putIfAbsent(hit.caseId(), hit.customerId()));
        access.recordReads(user.getName(), shown, "search");
        return result;
    }

    @ExceptionHandler(HistoryUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(HistoryUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Search is unavailable for now; every interaction is kept and will be indexed when it returns");
        problem.setTitle("History index unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "10").body(problem);
    }

    private static String channel(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Channel.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("channel", "must be one of " + java.util.Arrays.toString(Channel.values()));
        }
    }

}
