package io.omnicase.routing.web;

import io.omnicase.routing.DryRunResult;
import io.omnicase.routing.RuleSetException;
import io.omnicase.routing.RuleSetNotFoundException;
import io.omnicase.routing.RuleSetVersion;
import io.omnicase.routing.RuleSets;
import io.omnicase.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

/** The routing-rule editor's API: read versions and diffs; validate, dry-run, save-and-activate, roll back. */
@RestController
@RequestMapping("/api/routing/rules")
class RuleSetController {

    private static final int MAX_DRL = 200_000;

    private final RuleSets ruleSets;

    RuleSetController(RuleSets ruleSets) {
        this.ruleSets = ruleSets;
    }

    /** The active version; also hands the browser its CSRF cookie, which the editor page sends back on changes. */
    @GetMapping("/active")
    RuleSetVersion active(CsrfToken csrf) {
        csrf.getToken();
        return ruleSets.active().orElseThrow(() -> new NotFoundException("No rule set is active"));
    }

    @GetMapping("/versions")
    List<VersionSummary> versions() {
        return ruleSets.versions().stream().map(VersionSummary::of).toList();
    }

    @GetMapping("/versions/{version}")
    RuleSetVersion version(@PathVariable int version) {
        return ruleSets.version(version).orElseThrow(() -> notFound(version));
    }

    /** The change from {@code against} (by default the previous version) to this version, line by line. */
    @GetMapping("/versions/{version}/diff")
    Diff diff(@PathVariable int version, @RequestParam(required = false) Integer against) {
        int from = against == null ? version - 1 : against;
        return ruleSets.diff(from, version).map(lines -> new Diff(from, version, lines))
                .orElseThrow(() -> new NotFoundException("Rule set version " + from + " or " + version + " does not exist"));
    }

    @PostMapping(path = "/validate", consumes = MediaType.APPLICATION_JSON_VALUE)
    Validation validate(@Valid @RequestBody RulesRequest request) {
        try {
            ruleSets.validate(request.drl());
            return new Validation(true, List.of());
        } catch (RuleSetException e) {
            return new Validation(false, e.problems());
        }
    }

    @PostMapping(path = "/dry-run", consumes = MediaType.APPLICATION_JSON_VALUE)
    DryRunResult dryRun(@Valid @RequestBody DryRunRequest request) {
        return ruleSets.dryRun(request.drl(), request.cases() == null ? 50 : request.cases());
    }

    /** Validates, stores as the next version and activates it. */
    @PostMapping(path = "/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RuleSetVersion> save(@Valid @RequestBody SaveRequest request, Principal supervisor) {
        RuleSetVersion saved = ruleSets.saveAndActivate(request.drl(), supervisor.getName(), request.reason());
        ruleSets.applyNow();
        return ResponseEntity.created(URI.create("/api/routing/rules/versions/" + saved.version())).body(saved);
    }

    /** Activates a stored version again: the one-step rollback. */
    @PostMapping(path = "/versions/{version}/activate", consumes = MediaType.APPLICATION_JSON_VALUE)
    RuleSetVersion activate(@PathVariable int version, @Valid @RequestBody ActivateRequest request, Principal supervisor) {
        try {
            RuleSetVersion active = ruleSets.activate(version, supervisor.getName(), request.reason());
            ruleSets.applyNow();
            return active;
        } catch (RuleSetNotFoundException e) {
            throw new NotFoundException(e.getMessage());
        }
    }

    @ExceptionHandler(RuleSetException.class)
    ResponseEntity<ProblemDetail> rejected(RuleSetException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                "The rule set was rejected; the active rules stay as they were: " + String.join("; ", e.problems()));
        problem.setTitle("Rule set rejected");
        problem.setProperty("problems", e.problems());
        return ResponseEntity.unprocessableEntity().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static NotFoundException notFound(int version) {
        return new NotFoundException("Rule set version " + version + " does not exist");
    }

    record RulesRequest(@NotBlank @Size(max = MAX_DRL) String drl) {
    }

    record DryRunRequest(@NotBlank @Size(max = MAX_DRL) String drl,
                         @Min(1) @Max(RuleSets.MAX_DRY_RUN_CASES) Integer cases) {
    }

    record SaveRequest(@NotBlank @Size(max = MAX_DRL) String drl, @NotBlank @Size(max = 500) String reason) {
    }

    record ActivateRequest(@NotBlank @Size(max = 500) String reason) {
    }

    record Validation(boolean valid, List<String> problems) {
    }

    record Diff(int from, int to, List<String> lines) {
    }

    record VersionSummary(int version, String label, String checksum, String author, String reason, Instant createdAt,
                          Instant activatedAt, String activatedBy, boolean active) {
        static VersionSummary of(RuleSetVersion v) {
            return new VersionSummary(v.version(), v.label(), v.checksum(), v.author(), v.reason(), v.createdAt(),
                    v.activatedAt(), v.activatedBy(), v.active());
        }
    }
}
