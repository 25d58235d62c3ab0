package io.omnicase.insight.web;

import io.swagger.v3.oas.annotations.Operation;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseId;
import io.omnicase.http.InvalidFieldException;
import io.omnicase.http.RequestDates;
import io.omnicase.http.NotFoundException;
import io.omnicase.insight.InvalidQualityRulesException;
import io.omnicase.insight.QualityRules;
import io.omnicase.insight.QualityRulesVersion;
import io.omnicase.insight.QualityScore;
import io.omnicase.insight.QualityScores;
import io.omnicase.search.HistoryUnavailableException;
import io.omnicase.search.QualityOverview;
import io.omnicase.search.QualityQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Quality scores and their rules. A case's scores are read by whoever may read the case (the case access policy);
 * the overview and the rules are for supervisors and admins (auditors read the rules too); only they change the rules,
 * which apply to resolutions from then on: earlier scores are not recomputed.
 */
@RestController
@RequestMapping("/api/insight/quality")
class QualityController {

    private final QualityScores quality;
    private final CaseAccess access;

    QualityController(QualityScores quality, CaseAccess access) {
        this.quality = quality;
        this.access = access;
    }

    /**
     * The scores of resolutions in a period (by default the last 30 days; a case's scores whenever they were), of a
     * queue, agent or case: their spread and the lowest ones.
     */
    @Operation(summary = "Quality overview: averages and the lowest-scoring conversations of a period")
    @GetMapping
    QualityOverview overview(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                             @RequestParam(required = false) @Size(max = 80) String queue,
                             @RequestParam(required = false) @Size(max = 100) String agent,
                             @RequestParam(required = false) Long caseId,
                             @RequestParam(defaultValue = "10") @Min(0) @Max(100) int lowest) {
        Instant since = RequestDates.instant("from", from);
        Instant until = RequestDates.instant("to", to);
        if (since == null && until == null && caseId == null) {
            since = Instant.now().minus(java.time.Duration.ofDays(30));
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new InvalidFieldException("to", "must be after from");
        }
        return quality.overview(new QualityQuery(since, until, blankToNull(queue, true), blankToNull(agent, false), caseId,
                lowest));
    }

    /** The case's latest score with its breakdown, and the earlier resolutions' scores. */
    @Operation(summary = "A case's quality score with its breakdown")
    @GetMapping("/cases/{caseId}")
    CaseQuality ofCase(@PathVariable long caseId, Authentication user) {
        access.checkRead(user.getName(), new CaseId(caseId));
        List<QualityScore> scores = quality.ofCase(new CaseId(caseId));
        if (scores.isEmpty()) {
            throw new NotFoundException("Case " + caseId + " has no quality score yet: a case is scored when it is resolved");
        }
        return new CaseQuality(caseId, scores.get(0), scores.subList(1, scores.size()));
    }

    /** The rules in force; also hands the browser its CSRF cookie, which the editor sends back on a change. */
    @Operation(summary = "The quality rules in force")
    @GetMapping("/rules")
    RulesAnswer rules(CsrfToken csrf) {
        csrf.getToken();
        return RulesAnswer.of(quality.rules());
    }

    @Operation(summary = "Every version of the quality rules")
    @GetMapping("/rules/versions")
    List<QualityRulesVersion> versions() {
        return quality.ruleVersions();
    }

    /** Saves the rules as a new version, in force for the next resolutions; earlier scores stay as they were. */
    @Operation(summary = "Change the quality rules (a new version)")
    @PutMapping(path = "/rules", consumes = MediaType.APPLICATION_JSON_VALUE)
    RulesAnswer change(@Valid @RequestBody RulesChange change, Authentication user) {
        return RulesAnswer.of(quality.changeRules(change.toRules(), user.getName(), change.reason()));
    }

    @ExceptionHandler(InvalidQualityRulesException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidQualityRulesException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The quality rules were not saved; the rules in force stay as they were: " + e.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty("errors", e.problems().stream()
                .map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(HistoryUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(HistoryUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The quality overview is unavailable for now; scores are kept and will be indexed when it returns");
        problem.setTitle("History index unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "10")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String blankToNull(String value, boolean lower) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return lower ? value.strip().toLowerCase(Locale.ROOT) : value.strip();
    }

    /** A date (2026-12-01, the start of that day in UTC) or an instant (2026-12-01T10:00:00Z). */

    /** A case's quality: the latest resolution's score and the earlier ones'. */
    record CaseQuality(long caseId, QualityScore latest, List<QualityScore> earlier) {
    }

    /**
     * The rules in force, with what a change does: {@code rescoresEarlier} is false, a change scores the resolutions
     * after it.
     */
    record RulesAnswer(int version, QualityRules rules, String author, String reason, Instant createdAt,
                       boolean rescoresEarlier) {
        static RulesAnswer of(QualityRulesVersion v) {
            return new RulesAnswer(v.version(), v.rules(), v.author(), v.reason(), v.createdAt(), false);
        }
    }

    /** A change of the rules; unknown fields are refused, naming them, rather than ignored. */
    record RulesChange(RulesBody rules, @NotBlank @Size(max = 500) String reason,
                       @JsonAnySetter Map<String, Object> unknown) {
        QualityRules toRules() {
            refuseUnknown("", unknown);
            if (rules == null) {
                return null;
            }
            refuseUnknown("rules.", rules.unknown());
            if (rules.weights() != null) {
                refuseUnknown("rules.weights.", rules.weights().unknown());
            }
            return rules.toRules();
        }
    }

    record RulesBody(WeightsBody weights, List<String> ownershipPhrases, List<String> empathyPhrases,
                     List<String> confirmationPhrases, Double lateFactor, Integer phrasesForFullMarks,
                     Double sentimentSwingForFullMarks, @JsonAnySetter Map<String, Object> unknown) {
        QualityRules toRules() {
            return new QualityRules(weights == null ? null : weights.toWeights(), ownershipPhrases, empathyPhrases,
                    confirmationPhrases, lateFactor, phrasesForFullMarks, sentimentSwingForFullMarks);
        }
    }

    record WeightsBody(Integer firstResponse, Integer ownership, Integer empathy, Integer confirmation, Integer sentiment,
                       @JsonAnySetter Map<String, Object> unknown) {
        QualityRules.Weights toWeights() {
            return new QualityRules.Weights(firstResponse, ownership, empathy, confirmation, sentiment);
        }
    }

    private static void refuseUnknown(String prefix, Map<String, Object> unknown) {
        if (unknown != null && !unknown.isEmpty()) {
            String field = unknown.keySet().stream().sorted().findFirst().orElseThrow();
            throw new InvalidFieldException(prefix + field, "is not a field of the quality rules");
        }
    }
}
