package io.omnicase.routing.web;

import io.swagger.v3.oas.annotations.Operation;
import io.omnicase.routing.DryRunResult;
import io.omnicase.routing.FactField;
import io.omnicase.routing.GuidedRule;
import io.omnicase.routing.GuidedRuleSet;
import io.omnicase.routing.Handling;
import io.omnicase.routing.Priority;
import io.omnicase.routing.Queue;
import io.omnicase.routing.RuleProblem;
import io.omnicase.routing.RuleSetDiff;
import io.omnicase.routing.RuleSetException;
import io.omnicase.routing.RuleSetVersion;
import io.omnicase.routing.RuleSets;
import io.omnicase.routing.Skill;
import io.omnicase.routing.ValueType;
import io.omnicase.http.NotFoundException;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing-rule editor's API. Supervisors send the rule table (rows of typed conditions and actions), which the
 * server checks and turns into DRL; they read versions, row diffs and the fact model. Rule text (DRL) is accepted from
 * nobody, administrators included: it is Java, and no text a user types is compiled as code (403).
 */
@RestController
@RequestMapping("/api/routing/rules")
class RuleSetController {


    private final RuleSets ruleSets;
    private final io.omnicase.cases.CaseManagement cases;
    private final java.util.List<io.omnicase.cases.CaseAssignments> assignments;
    private final io.omnicase.security.UserAccounts users;

    RuleSetController(RuleSets ruleSets, io.omnicase.cases.CaseManagement cases,
                      java.util.List<io.omnicase.cases.CaseAssignments> assignments, io.omnicase.security.UserAccounts users) {
        this.ruleSets = ruleSets;
        this.cases = cases;
        this.assignments = java.util.List.copyOf(assignments);
        this.users = users;
    }

    /**
     * Where a replayed case stands when no new rules would move it: resolved, closed, or held by a person (a held case
     * stays with its holder). The dry run showed such cases routed elsewhere with nothing to say the decision would
     * never apply to them (walk of 4 December).
     */
    private String standing(long caseId) {
        io.omnicase.cases.CaseId id = new io.omnicase.cases.CaseId(caseId);
        return cases.find(id).map(view -> switch (view.status()) {
            case RESOLVED -> "resolved";
            case CLOSED -> "closed";
            default -> assignments.stream().flatMap(a -> a.assigneeOf(id).stream()).findFirst()
                    .map(holder -> "held by " + users.nameOf(holder)).orElse(null);
        }).orElse(null);
    }

    /** The active version; also hands the browser its CSRF cookie, which the editor page sends back on changes. */
    @Operation(summary = "The routing rules in force")
    @GetMapping("/active")
    RuleSetVersion active(CsrfToken csrf) {
        csrf.getToken();
        return ruleSets.active().orElseThrow(() -> new NotFoundException("No rule set is active"));
    }

    /** The fact model a rule row may use: fields with their types, operators and allowed values, and the actions. */
    @Operation(summary = "The fields, operators and actions a routing rule may use")
    @GetMapping("/model")
    FactModel model() {
        return FactModel.current();
    }

    /** The rule table the application ships with: where an editor starts when the active version is raw DRL. */
    @Operation(summary = "The routing rules Omnicase ships with")
    @GetMapping("/shipped")
    GuidedRuleSet shipped() {
        GuidedRuleSet shipped = ruleSets.shippedTable();
        if (shipped == null) {
            throw new NotFoundException("This installation seeds its rules from a DRL file, not a rule table");
        }
        return shipped;
    }

    @Operation(summary = "Every version of the routing rules")
    @GetMapping("/versions")
    List<VersionSummary> versions() {
        return ruleSets.versions().stream().map(VersionSummary::of).toList();
    }

    @Operation(summary = "One version of the routing rules")
    @GetMapping("/versions/{version}")
    RuleSetVersion version(@PathVariable int version) {
        return ruleSets.version(version).orElseThrow(() -> notFound(version));
    }

    /** The change from {@code against} (by default the previous version) to this version: rows, and DRL lines. */
    @Operation(summary = "What changed between two versions of the routing rules")
    @GetMapping("/versions/{version}/diff")
    RuleSetDiff diff(@PathVariable int version, @RequestParam(required = false) Integer against) {
        int from = against == null ? version - 1 : against;
        return ruleSets.diff(from, version)
                .orElseThrow(() -> new NotFoundException("Rule set version " + from + " or " + version + " does not exist"));
    }

    @Operation(summary = "Check a rule table without saving it")
    @PostMapping(path = "/validate", consumes = MediaType.APPLICATION_JSON_VALUE)
    Validation validate(@Valid @RequestBody TableRequest request) {
        refuseRuleText(request.drl());
        ruleSets.validate(request.table());
        return new Validation(true, List.of());
    }

    @Operation(summary = "Replay recent cases through a rule table and compare with the rules in force")
    @PostMapping(path = "/dry-run", consumes = MediaType.APPLICATION_JSON_VALUE)
    DryRunResult dryRun(@Valid @RequestBody TableDryRunRequest request) {
        refuseRuleText(request.drl());
        return ruleSets.dryRun(request.table(), request.cases() == null ? 50 : request.cases()).withStanding(this::standing);
    }

    /** Checks the table, stores it (with its generated DRL) as the next version and activates it. */
    @Operation(summary = "Save a rule table as a new version")
    @PostMapping(path = "/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RuleSetVersion> save(@Valid @RequestBody TableSaveRequest request, Authentication user) {
        refuseRuleText(request.drl());
        RuleSetVersion saved = ruleSets.saveAndActivate(request.table(), user.getName(), request.reason(), request.basedOn());
        ruleSets.applyNow();
        return created(saved);
    }

    /** Activates a stored version again: the one-step rollback. */
    @Operation(summary = "Put a version of the routing rules in force")
    @PostMapping(path = "/versions/{version}/activate", consumes = MediaType.APPLICATION_JSON_VALUE)
    RuleSetVersion activate(@PathVariable int version, @Valid @RequestBody ActivateRequest request, Authentication user) {
        RuleSetVersion active = ruleSets.activate(version, user.getName(), request.reason());
        ruleSets.applyNow();
        return active;
    }

    /**
     * Rule text on a table endpoint: refused before anything reads it, whoever sends it. No text a user types is
     * compiled as code, an administrator's neither: DRL is Java (its consequences run in the server). The rules are
     * the table; the server writes their DRL from fixed templates (probe 46 I1: administrators could send DRL).
     */
    private static void refuseRuleText(String drl) {
        if (drl == null) {
            return;
        }
        throw new RuleTextRefused(HttpStatus.FORBIDDEN,
                "Rule text (DRL) is not accepted from anyone: send the rule table ('rules'); the server writes the DRL");
    }

    private static ResponseEntity<RuleSetVersion> created(RuleSetVersion saved) {
        return ResponseEntity.created(URI.create("/api/routing/rules/versions/" + saved.version())).body(saved);
    }

    @ExceptionHandler(RuleSetException.class)
    ResponseEntity<ProblemDetail> rejected(RuleSetException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                "The rule set was rejected; the active rules stay as they were: " + String.join("; ", e.problems()));
        problem.setTitle("Rule set rejected");
        problem.setProperty("problems", e.problems());
        problem.setProperty("errors", e.located().stream().map(RuleSetController::error).toList());
        return ResponseEntity.unprocessableEntity().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(RuleTextRefused.class)
    ResponseEntity<ProblemDetail> refused(RuleTextRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status, e.getMessage());
        problem.setTitle(e.status == HttpStatus.FORBIDDEN ? "Forbidden" : "Invalid request");
        return ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static Map<String, Object> error(RuleProblem p) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("row", p.row());
        error.put("column", p.column());
        error.put("field", p.row() == null ? p.column() : "rules[" + p.row() + "]" + (p.column() == null ? "" : "." + p.column()));
        error.put("message", p.message());
        return error;
    }

    private static NotFoundException notFound(int version) {
        return new NotFoundException("Rule set version " + version + " does not exist");
    }

    /** Rule text from someone who may not send it, or sent to the wrong door. */
    static final class RuleTextRefused extends RuntimeException {
        private final HttpStatus status;

        RuleTextRefused(HttpStatus status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * @param drl never accepted here; declared so that rule text is recognised and refused with 403, whatever the
     *            JSON settings for unknown properties
     */
    record TableRequest(List<GuidedRule> rules, String drl) {
        GuidedRuleSet table() {
            return new GuidedRuleSet(rules);
        }
    }

    record TableDryRunRequest(List<GuidedRule> rules, String drl,
                              @Min(1) @Max(RuleSets.MAX_DRY_RUN_CASES) Integer cases) {
        GuidedRuleSet table() {
            return new GuidedRuleSet(rules);
        }
    }

    /**
     * @param basedOn the active version the table was edited from: when another became active since, the save is
     *                refused (409) rather than silently undoing that change; without it the table replaces whatever is active
     */
    record TableSaveRequest(List<GuidedRule> rules, String drl, @NotBlank @Size(max = 500) String reason,
                            @Min(1) Integer basedOn) {
        GuidedRuleSet table() {
            return new GuidedRuleSet(rules);
        }
    }


    record ActivateRequest(@NotBlank @Size(max = 500) String reason) {
    }

    record Validation(boolean valid, List<String> problems) {
    }

    /**
     * @param table whether the version is a rule table a supervisor can edit (false: a DRL file the server was configured to seed from)
     */
    record VersionSummary(int version, String label, String checksum, String author, String reason, Instant createdAt,
                          Instant activatedAt, String activatedBy, String activationReason, boolean active, boolean table) {
        static VersionSummary of(RuleSetVersion v) {
            return new VersionSummary(v.version(), v.label(), v.checksum(), v.author(), v.reason(), v.createdAt(),
                    v.activatedAt(), v.activatedBy(), v.activationReason(), v.active(), v.rules() != null);
        }
    }

    /** What the rule table's dropdowns offer, straight from the enums the generator writes from. */
    record FactModel(List<Field> fields, List<String> handling, List<String> queues, List<String> priorities,
                     List<String> skills) {

        record Field(String id, String fact, String label, String type, List<Operator> operators, List<String> values,
                     Long min, Long max) {
        }

        record Operator(String id, String label) {
        }

        static FactModel current() {
            List<Field> fields = Arrays.stream(FactField.values()).map(f -> new Field(f.name(), f.fact().label(),
                    f.label(), f.type().name(), f.operators().stream().map(o -> new Operator(o.name(), o.label())).toList(),
                    f.choiceNames(), numeric(f) ? f.min() : null, numeric(f) ? f.max() : null)).toList();
            return new FactModel(fields, names(Handling.values()), names(Queue.values()), names(Priority.values()),
                    names(Skill.values()));
        }

        private static boolean numeric(FactField f) {
            return f.type() == ValueType.INTEGER || f.type() == ValueType.DECIMAL;
        }

        private static List<String> names(Enum<?>[] constants) {
            return Arrays.stream(constants).map(Enum::name).toList();
        }
    }
}
