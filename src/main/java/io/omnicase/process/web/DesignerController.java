package io.omnicase.process.web;

import io.swagger.v3.oas.annotations.Operation;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.http.InvalidFieldException;
import io.omnicase.process.DeploymentProblem;
import io.omnicase.process.ElementTemplates;
import io.omnicase.process.ProcessDesign;
import io.omnicase.process.ProcessModelRefusedException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process designer's API: versions of the case process with who deployed them and why, element templates of the
 * allowlisted delegates, validating and deploying a model with its forms, diffs, rollback, and migrating running
 * cases. Reads for designers, administrators and auditors; changes for designers and administrators
 * (SecurityConfiguration). Request bodies are bounded before they are read ({@link DesignerRequestLimit}).
 */
@RestController
@RequestMapping("/api/designer")
class DesignerController {

    private final ProcessDesign design;
    private final ObjectMapper json;

    DesignerController(ProcessDesign design, ObjectMapper json) {
        this.design = design;
        this.json = json;
    }

    /** The model and its forms (form id to form-js schema); the reason is read by deploy only. */
    /** @param basedOn the version the model was edited from (deploy only): a newer one deployed since refuses it (409) */
    record ModelRequest(String bpmnXml, Map<String, JsonNode> forms, String reason, Integer basedOn) {
    }

    record ReasonRequest(String reason) {
    }

    record MigrationRequest(@NotNull @Positive Integer fromVersion, @NotNull @Positive Integer toVersion) {
    }

    record Validation(List<DeploymentProblem> problems) {
    }

    /** A version with its model and forms, the forms as JSON objects. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record VersionDetail(int version, String processDefinitionId, String deployedBy, String reason, Instant deployedAt,
                         Integer rollbackOf, long runningCases, String bpmnXml, Map<String, JsonNode> forms) {
    }

    /** Newest first; also hands the page its CSRF cookie, which it sends back on changes. */
    @Operation(summary = "The deployed versions of a process")
    @GetMapping("/processes/{key}/versions")
    List<ProcessDesign.Version> versions(@PathVariable String key, CsrfToken csrf) {
        csrf.getToken();
        return design.versions(key);
    }

    @Operation(summary = "One deployed version of a process: its model and forms")
    @GetMapping("/processes/{key}/versions/{version}")
    VersionDetail version(@PathVariable String key, @PathVariable int version) {
        ProcessDesign.VersionDetail detail = design.version(key, version);
        Map<String, JsonNode> forms = new LinkedHashMap<>();
        detail.forms().forEach((id, form) -> forms.put(id, parse(form)));
        return new VersionDetail(detail.version(), detail.processDefinitionId(), detail.deployedBy(), detail.reason(),
                detail.deployedAt(), detail.rollbackOf(), detail.runningCases(), detail.bpmnXml(), forms);
    }

    @Operation(summary = "The element templates the modeler offers")
    @GetMapping("/element-templates")
    List<Map<String, Object>> elementTemplates() {
        return ElementTemplates.serviceTasks();
    }

    /** What stands in the way of deploying; an empty list means the model is deployable. */
    @Operation(summary = "Check a process model without deploying it")
    @PostMapping(path = "/processes/{key}/validate", consumes = MediaType.APPLICATION_JSON_VALUE)
    Validation validate(@PathVariable String key, @RequestBody ModelRequest request) {
        return new Validation(design.validate(key, request.bpmnXml(), forms(request.forms())));
    }

    @Operation(summary = "Deploy a process model (checked first)")
    @PostMapping(path = "/processes/{key}/deployments", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ProcessDesign.Version> deploy(@PathVariable String key, @RequestBody ModelRequest request,
                                                 Authentication user) {
        if (request.basedOn() != null && request.basedOn() < 1) {
            throw new io.omnicase.http.InvalidFieldException("basedOn", "a version, from 1");
        }
        ProcessDesign.Version deployed = request.basedOn() == null
                ? design.deploy(key, request.bpmnXml(), forms(request.forms()), request.reason(), user.getName())
                : design.deployEditedFrom(request.basedOn(), key, request.bpmnXml(), forms(request.forms()),
                request.reason(), user.getName());
        return created(key, deployed);
    }

    @Operation(summary = "What changed between two versions of a process")
    @GetMapping("/processes/{key}/diff")
    ProcessDesign.Diff diff(@PathVariable String key, @RequestParam int from, @RequestParam int to) {
        return design.diff(key, from, to);
    }

    @Operation(summary = "Make an earlier version of a process the newest again")
    @PostMapping(path = "/processes/{key}/versions/{version}/rollback", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ProcessDesign.Version> rollback(@PathVariable String key, @PathVariable int version,
                                                   @RequestBody ReasonRequest request, Authentication user) {
        return created(key, design.rollback(key, version, request.reason(), user.getName()));
    }

    @Operation(summary = "Preview moving running cases to another version")
    @PostMapping(path = "/processes/{key}/migrations/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    ProcessDesign.MigrationPreview preview(@PathVariable String key, @Valid @RequestBody MigrationRequest request) {
        return design.previewMigration(key, request.fromVersion(), request.toVersion());
    }

    @Operation(summary = "Move running cases to another version of the process")
    @PostMapping(path = "/processes/{key}/migrations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ProcessDesign.MigrationStarted> migrate(@PathVariable String key,
                                                           @Valid @RequestBody MigrationRequest request,
                                                           Authentication user) {
        ProcessDesign.MigrationStarted started = design.migrate(key, request.fromVersion(), request.toVersion(),
                user.getName());
        return ResponseEntity.accepted().location(URI.create("/api/designer/migrations/" + started.batchId())).body(started);
    }

    @Operation(summary = "The progress of a migration")
    @GetMapping("/migrations/{batchId}")
    ProcessDesign.MigrationProgress migration(@PathVariable String batchId) {
        return design.migration(batchId);
    }

    @ExceptionHandler(ProcessModelRefusedException.class)
    ResponseEntity<ProblemDetail> refused(ProcessModelRefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Model refused");
        problem.setProperty("problems", e.problems());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProcessDesign.Version> created(String key, ProcessDesign.Version version) {
        return ResponseEntity.created(URI.create("/api/designer/processes/" + key + "/versions/" + version.version()))
                .body(version);
    }

    private Map<String, String> forms(Map<String, JsonNode> forms) {
        Map<String, String> texts = new LinkedHashMap<>();
        if (forms != null) {
            forms.forEach((id, form) -> {
                if (form == null || !form.isObject()) {
                    throw new InvalidFieldException("forms." + id, "must be a form-js schema (a JSON object)");
                }
                try {
                    texts.put(id, json.writerWithDefaultPrettyPrinter().writeValueAsString(form));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return texts;
    }

    private JsonNode parse(String form) {
        try {
            return json.readTree(form);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A deployed form is not JSON", e);
        }
    }
}
