package io.omnicase.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.http.ConflictException;
import io.omnicase.http.InvalidFieldException;
import io.omnicase.http.NotFoundException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.BatchStatistics;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.w3c.dom.Element;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The process designer's work on the case process: its versions (who deployed each and why), validating and deploying
 * a model with its forms through the deployment policy and the code's contract, comparing and rolling back versions,
 * and moving running cases to another version with the engine's migration (previewed, then run as a batch).
 */
@Service
public class ProcessDesign {

    /** The processes the designer may change: the one whose contract with the code is declared. */
    static final Set<String> DESIGNABLE = Set.of(CustomerCaseProcess.KEY);
    static final String DEPLOYMENT_SOURCE = "omnicase-designer";
    private static final Pattern FORM_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final int MAX_FORMS = 20;
    private static final int MAX_REASON = 1000;
    private static final int MAX_LISTED_REFUSALS = 500;

    private final ProcessEngine engine;
    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();

    ProcessDesign(RepositoryService repository, RuntimeService runtime, ManagementService management, JdbcClient jdbc,
                  ApplicationEventPublisher events, ProcessEngine engine) {
        this.engine = engine;
        this.repository = repository;
        this.runtime = runtime;
        this.management = management;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** A version of a process: who deployed it and why, the version it restored, how many cases run on it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Version(int version, String processDefinitionId, String deployedBy, String reason, Instant deployedAt,
                          Integer rollbackOf, long runningCases) {
    }

    /** A version with its model and the forms deployed with it (form id to form-js schema JSON). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record VersionDetail(int version, String processDefinitionId, String deployedBy, String reason,
                                Instant deployedAt, Integer rollbackOf, long runningCases, String bpmnXml,
                                Map<String, String> forms) {
    }

    /** An element of a model, as a diff lists it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DiffElement(String id, String type, String name) {
    }

    /** An element of both versions that differs, and how ("name: A -> B"). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ChangedElement(String id, String type, String name, List<String> changes) {
    }

    /** What differs between two versions' models, by element id, and between their forms, by form and field. */
    public record Diff(int from, int to, List<DiffElement> added, List<DiffElement> removed, List<ChangedElement> changed,
                       List<FormChange> forms) {
    }

    /** A form added, removed or changed between two versions, with what changed in words. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FormChange(String formId, String change, List<String> changes) {
    }

    /** Where a running case's activity goes in the target version. */
    public record Instruction(String sourceActivityId, String targetActivityId) {
    }

    /** An activity of the source version that cases wait at, and that the target version lacks. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UnmappedActivity(String activityId, String name, long instances) {
    }

    /** A running case that cannot move, and why. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CannotMigrate(String processInstanceId, Long caseId, String reason) {
    }

    /** What a migration would do: the plan (activities mapped by id), what is unmapped, how many cases move. */
    public record MigrationPreview(int fromVersion, int toVersion, List<Instruction> instructions,
                                   List<UnmappedActivity> unmappedActivities, long runningCases, long canMigrate,
                                   List<CannotMigrate> cannotMigrate) {
    }

    /** A migration batch the engine runs. */
    public record MigrationStarted(String batchId, long total) {
    }

    /** How far a migration batch is. */
    public record MigrationProgress(String batchId, long total, long migrated, long failed, boolean done) {
    }

    /** The versions of a process, newest first. */
    public List<Version> versions(String key) {
        designable(key);
        Map<String, Recorded> recorded = recorded(key);
        List<Version> versions = new ArrayList<>();
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .orderByProcessDefinitionVersion().desc().list()) {
            versions.add(version(definition, recorded.get(definition.getId())));
        }
        return versions;
    }

    /** One version with its model and forms. */
    public VersionDetail version(String key, int version) {
        ProcessDefinition definition = definition(key, version);
        Version v = version(definition, recorded(key).get(definition.getId()));
        return new VersionDetail(v.version(), v.processDefinitionId(), v.deployedBy(), v.reason(), v.deployedAt(),
                v.rollbackOf(), v.runningCases(), model(definition), forms(definition.getDeploymentId()));
    }

    /** What stands in the way of deploying the model with these forms (form id to form JSON); empty when nothing. */
    public List<DeploymentProblem> validate(String key, String bpmnXml, Map<String, String> forms) {
        designable(key);
        List<DeploymentProblem> problems = new ArrayList<>();
        if (bpmnXml == null || bpmnXml.isBlank()) {
            problems.add(new DeploymentProblem(null, "the model (bpmnXml) is empty"));
            return problems;
        }
        Map<String, String> checkedForms = forms == null ? Map.of() : forms;
        if (checkedForms.size() > MAX_FORMS) {
            problems.add(new DeploymentProblem(null, "at most " + MAX_FORMS + " forms are deployed with a model"));
            return problems;
        }
        problems.addAll(DeploymentPolicy.problems(key + ".bpmn", bpmnXml.getBytes(StandardCharsets.UTF_8)));
        for (Map.Entry<String, String> form : checkedForms.entrySet()) {
            problems.addAll(formProblems(form.getKey(), form.getValue()));
        }
        if (problems.isEmpty()) {
            ProcessModel model = ProcessModel.read(bpmnXml).orElseThrow();
            problems.addAll(CodeContractCheck.problems(model, checkedForms.keySet()));
        }
        if (problems.isEmpty()) {
            problems.addAll(EngineParse.problems(engineConfiguration(), key + ".bpmn", bpmnXml));
        }
        return problems;
    }

    private List<DeploymentProblem> formProblems(String id, String form) {
        List<DeploymentProblem> problems = new ArrayList<>();
        if (id == null || !FORM_ID.matcher(id).matches()) {
            problems.add(new DeploymentProblem(null, "a form id is 1-64 letters, digits, - or _, not '"
                    + abbreviate(String.valueOf(id)) + "'"));
            return problems;
        }
        for (DeploymentProblem problem : DeploymentPolicy.problems(id + ".form",
                form == null ? null : form.getBytes(StandardCharsets.UTF_8))) {
            problems.add(new DeploymentProblem(null, "form " + id + ": " + problem.message()));
        }
        if (problems.isEmpty()) {
            try {
                JsonNode schema = json.readTree(form);
                if (!schema.isObject() || !schema.path("components").isArray()) {
                    problems.add(new DeploymentProblem(null, "form " + id + ": not a form-js schema (an object with components)"));
                } else if (!id.equals(schema.path("id").asText())) {
                    problems.add(new DeploymentProblem(null, "form " + id + ": its schema's id must be " + id
                            + " (user tasks name it in camunda:formRef)"));
                }
            } catch (IOException e) {
                problems.add(new DeploymentProblem(null, "form " + id + ": not valid JSON"));
            }
        }
        return problems;
    }

    /**
     * Deploys the model with its forms as the newest version, recorded with who and why; refused (nothing deployed)
     * when {@link #validate} finds a problem.
     */
    @Transactional
    public Version deploy(String key, String bpmnXml, Map<String, String> forms, String reason, String deployedBy) {
        return deploy(key, bpmnXml, forms, reason, deployedBy, null);
    }

    /**
     * {@link #deploy(String, String, Map, String, String)} of a model edited from version {@code basedOn}: when a newer
     * version was deployed since, nothing is deployed (the designer would otherwise undo it without seeing it).
     *
     * @throws ConflictException when {@code basedOn} is not the newest version any more
     */
    @Transactional
    public Version deployEditedFrom(int basedOn, String key, String bpmnXml, Map<String, String> forms, String reason,
                                    String deployedBy) {
        ProcessDefinition newest = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .singleResult();
        if (newest != null && newest.getVersion() != basedOn) {
            String by = jdbc.sql("SELECT deployed_by FROM process_versions WHERE process_definition_id = ?")
                    .param(newest.getId()).query(String.class).optional().map(who -> " by " + who).orElse("");
            throw new ConflictException("v" + newest.getVersion() + by + " was deployed after you opened v" + basedOn
                    + ": nothing was deployed. Compare it with your diagram under Versions, then deploy again");
        }
        return deploy(key, bpmnXml, forms, reason, deployedBy, null);
    }

    /** Deploys an earlier version's model and forms again, as the newest version. */
    @Transactional
    public Version rollback(String key, int version, String reason, String deployedBy) {
        ProcessDefinition definition = definition(key, version);
        return deploy(key, model(definition), forms(definition.getDeploymentId()), reason, deployedBy, version);
    }

    private Version deploy(String key, String bpmnXml, Map<String, String> forms, String reason, String deployedBy,
                           Integer rollbackOf) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw new InvalidFieldException("reason", "say why, in 1 to " + MAX_REASON + " characters");
        }
        List<DeploymentProblem> problems = validate(key, bpmnXml, forms);
        if (!problems.isEmpty()) {
            throw new ProcessModelRefusedException(problems);
        }
        if (rollbackOf == null) {
            refuseUnchanged(key, bpmnXml, forms);
        }
        DeploymentBuilder builder = repository.createDeployment().name("designer: " + key).source(DEPLOYMENT_SOURCE)
                .addString(key + ".bpmn", bpmnXml);
        (forms == null ? Map.<String, String>of() : forms).forEach((id, form) -> builder.addString(id + ".form", form));
        DeploymentWithDefinitions deployment;
        try {
            deployment = builder.deployWithResult();
        } catch (ParseException e) {
            throw new ProcessModelRefusedException(EngineParse.problems(e));
        }
        ProcessDefinition definition = deployment.getDeployedProcessDefinitions().stream()
                .filter(d -> d.getKey().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("The deployment holds no process " + key));
        Instant at = clock.instant();
        jdbc.sql("INSERT INTO process_versions (process_definition_id, process_key, version, deployment_id, deployed_by, "
                        + "reason, deployed_at, rollback_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(definition.getId(), key, definition.getVersion(), deployment.getId(), deployedBy, why,
                        Timestamp.from(at), rollbackOf)
                .update();
        events.publishEvent(new ProcessVersionDeployed(key, definition.getVersion(), deployedBy, why, rollbackOf, at));
        return new Version(definition.getVersion(), definition.getId(), deployedBy, why, at, rollbackOf, 0);
    }

    /**
     * A deployment of exactly the newest version's model and forms would add a version that holds nothing new (a
     * retried request, a deploy of an untouched diagram through the API): every version list, migration menu and the
     * audit trail would carry it (walk 46). Refused; a rollback, which says what it restores, may repeat an earlier one.
     */
    private void refuseUnchanged(String key, String bpmnXml, Map<String, String> forms) {
        ProcessDefinition newest = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .singleResult();
        if (newest == null || !bpmnXml.equals(model(newest))) {
            return;
        }
        Map<String, String> deployed = forms(newest.getDeploymentId());
        Map<String, String> given = forms == null ? Map.of() : forms;
        if (!deployed.keySet().equals(given.keySet())) {
            return;
        }
        for (Map.Entry<String, String> form : given.entrySet()) {
            if (!sameJson(form.getValue(), deployed.get(form.getKey()))) {
                return;
            }
        }
        throw new ConflictException("v" + newest.getVersion() + " already holds this model and these forms: nothing was "
                + "deployed. Change the diagram or a form first");
    }

    private boolean sameJson(String a, String b) {
        try {
            return json.readTree(a).equals(json.readTree(b));
        } catch (IOException e) {
            return false;
        }
    }

    private ProcessEngineConfigurationImpl engineConfiguration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    /** Elements added, removed and changed from one version's model to another's. */
    public Diff diff(String key, int from, int to) {
        ProcessDefinition fromDefinition = definition(key, from);
        ProcessDefinition toDefinition = definition(key, to);
        Map<String, Element> before = elements(fromDefinition);
        Map<String, Element> after = elements(toDefinition);
        List<DiffElement> added = new ArrayList<>();
        List<DiffElement> removed = new ArrayList<>();
        List<ChangedElement> changed = new ArrayList<>();
        after.forEach((id, element) -> {
            if (!before.containsKey(id)) {
                added.add(new DiffElement(id, element.getLocalName(), name(element)));
            }
        });
        before.forEach((id, element) -> {
            Element other = after.get(id);
            if (other == null) {
                removed.add(new DiffElement(id, element.getLocalName(), name(element)));
                return;
            }
            List<String> changes = new ArrayList<>();
            if (!element.getLocalName().equals(other.getLocalName())) {
                changes.add("type: " + element.getLocalName() + " -> " + other.getLocalName());
            }
            Map<String, String> was = ProcessModel.signature(element);
            Map<String, String> is = ProcessModel.signature(other);
            Set<String> keys = new TreeSet<>(was.keySet());
            keys.addAll(is.keySet());
            for (String property : keys) {
                String a = was.get(property);
                String b = is.get(property);
                if (!Objects.equals(a, b)) {
                    changes.add(property + ": " + (a == null ? "(none)" : abbreviate(a)) + " -> "
                            + (b == null ? "(none)" : abbreviate(b)));
                }
            }
            if (!changes.isEmpty()) {
                changed.add(new ChangedElement(id, other.getLocalName(), name(other), changes));
            }
        });
        List<FormChange> forms = FormChanges.between(forms(fromDefinition.getDeploymentId()),
                forms(toDefinition.getDeploymentId()));
        return new Diff(from, to, added, removed, changed, forms);
    }

    /**
     * The migration plan from one version to another (activities mapped by equal id), the activities running cases
     * wait at that the target lacks, and which cases can move.
     */
    public MigrationPreview previewMigration(String key, int fromVersion, int toVersion) {
        Plan plan = plan(key, fromVersion, toVersion);
        return new MigrationPreview(fromVersion, toVersion, plan.instructions(), plan.unmapped(), plan.running(),
                plan.movable().size(), plan.cannot());
    }

    /** Starts moving every case that can move from one version to another, as an engine batch. */
    @Transactional
    public MigrationStarted migrate(String key, int fromVersion, int toVersion, String startedBy) {
        Plan plan = plan(key, fromVersion, toVersion);
        if (plan.movable().isEmpty()) {
            throw new InvalidFieldException("fromVersion", "no running case of version " + fromVersion
                    + " can move to version " + toVersion);
        }
        Batch batch = runtime.newMigration(plan.plan()).processInstanceIds(plan.movable()).executeAsync();
        jdbc.sql("INSERT INTO process_migrations (batch_id, process_key, from_version, to_version, total, started_by, "
                        + "started_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(batch.getId(), key, fromVersion, toVersion, plan.movable().size(), startedBy,
                        Timestamp.from(clock.instant()))
                .update();
        List<Long> caseIds = runtime.createProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(plan.movable()))
                .list().stream().map(instance -> caseId(instance.getBusinessKey())).filter(java.util.Objects::nonNull)
                .sorted().toList();
        events.publishEvent(new CasesMigrated(key, fromVersion, toVersion, batch.getId(), caseIds, startedBy, clock.instant()));
        return new MigrationStarted(batch.getId(), plan.movable().size());
    }

    /** How far a migration batch this designer started is. */
    public MigrationProgress migration(String batchId) {
        long total = jdbc.sql("SELECT total FROM process_migrations WHERE batch_id = ?").param(batchId)
                .query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("There is no migration " + abbreviate(batchId)));
        BatchStatistics statistics = management.createBatchStatisticsQuery().batchId(batchId).singleResult();
        if (statistics == null) {
            return new MigrationProgress(batchId, total, total, 0, true); // the engine removes a batch once it is done
        }
        long failed = statistics.getFailedJobs();
        long migrated = Math.min(total, (long) statistics.getCompletedJobs() * statistics.getInvocationsPerBatchJob());
        boolean done = statistics.getRemainingJobs() <= failed && migrated + failed * statistics.getInvocationsPerBatchJob() >= total;
        return new MigrationProgress(batchId, total, migrated, failed, done);
    }

    /** A migration plan and what it means for the running cases (a class: records here hold no engine types). */
    private static final class Plan {
        private final MigrationPlan plan;
        private final List<Instruction> instructions;
        private final List<UnmappedActivity> unmapped;
        private final long running;
        private final List<String> movable;
        private final List<CannotMigrate> cannot;

        Plan(MigrationPlan plan, List<Instruction> instructions, List<UnmappedActivity> unmapped, long running,
             List<String> movable, List<CannotMigrate> cannot) {
            this.plan = plan;
            this.instructions = instructions;
            this.unmapped = unmapped;
            this.running = running;
            this.movable = movable;
            this.cannot = cannot;
        }

        MigrationPlan plan() {
            return plan;
        }

        List<Instruction> instructions() {
            return instructions;
        }

        List<UnmappedActivity> unmapped() {
            return unmapped;
        }

        long running() {
            return running;
        }

        List<String> movable() {
            return movable;
        }

        List<CannotMigrate> cannot() {
            return cannot;
        }
    }

    private Plan plan(String key, int fromVersion, int toVersion) {
        if (fromVersion == toVersion) {
            throw new InvalidFieldException("toVersion", "must differ from fromVersion");
        }
        ProcessDefinition source = definition(key, fromVersion);
        ProcessDefinition target = definition(key, toVersion);
        MigrationPlan plan;
        try {
            plan = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
        } catch (MigrationPlanValidationException e) {
            throw new InvalidFieldException("toVersion", "the engine cannot build a plan from version " + fromVersion
                    + " to " + toVersion + ": " + abbreviate(e.getMessage()));
        }
        List<Instruction> instructions = plan.getInstructions().stream()
                .map((MigrationInstruction i) -> new Instruction(i.getSourceActivityId(), i.getTargetActivityId())).toList();
        Set<String> mapped = new HashSet<>();
        instructions.forEach(i -> mapped.add(i.sourceActivityId()));
        var sourceModel = repository.getBpmnModelInstance(source.getId());
        List<UnmappedActivity> unmapped = new ArrayList<>();
        for (ActivityStatistics statistics : management.createActivityStatisticsQuery(source.getId()).list()) {
            if (!mapped.contains(statistics.getId())) {
                var element = sourceModel.getModelElementById(statistics.getId());
                String name = element == null ? null : element.getAttributeValue("name");
                unmapped.add(new UnmappedActivity(statistics.getId(), name, statistics.getInstances()));
            }
        }
        long running = runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).count();
        Set<String> stuck = new HashSet<>();
        List<CannotMigrate> cannot = new ArrayList<>();
        for (UnmappedActivity activity : unmapped) {
            for (ProcessInstance instance : runtime.createProcessInstanceQuery().processDefinitionId(source.getId())
                    .activityIdIn(activity.activityId()).list()) {
                if (stuck.add(instance.getId()) && cannot.size() < MAX_LISTED_REFUSALS) {
                    cannot.add(new CannotMigrate(instance.getId(), caseId(instance.getBusinessKey()),
                            "waits at " + activity.activityId() + (activity.name() == null ? "" : " (" + activity.name()
                                    + ")") + ", which version " + toVersion + " does not have"));
                }
            }
        }
        List<String> movable = new ArrayList<>();
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).list()) {
            if (!stuck.contains(instance.getId())) {
                movable.add(instance.getId());
            }
        }
        return new Plan(plan, instructions, unmapped, running, movable, cannot);
    }

    private static Long caseId(String businessKey) {
        try {
            return businessKey == null ? null : Long.valueOf(businessKey);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Version version(ProcessDefinition definition, Recorded recorded) {
        long running = runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count();
        if (recorded != null) {
            return new Version(definition.getVersion(), definition.getId(), recorded.by(), recorded.reason(),
                    recorded.at(), recorded.rollbackOf(), running);
        }
        var deployment = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult();
        return new Version(definition.getVersion(), definition.getId(), "system", "shipped with Omnicase",
                deployment == null || deployment.getDeploymentTime() == null ? null
                        : deployment.getDeploymentTime().toInstant(), null, running);
    }

    private record Recorded(String by, String reason, Instant at, Integer rollbackOf) {
    }

    private Map<String, Recorded> recorded(String key) {
        Map<String, Recorded> recorded = new LinkedHashMap<>();
        jdbc.sql("SELECT process_definition_id, deployed_by, reason, deployed_at, rollback_of FROM process_versions "
                + "WHERE process_key = ?").param(key).query(rs -> {
            int version = rs.getInt("rollback_of");
            Integer rollbackOf = rs.wasNull() ? null : version;
            recorded.put(rs.getString("process_definition_id"), new Recorded(rs.getString("deployed_by"),
                    rs.getString("reason"), rs.getTimestamp("deployed_at").toInstant(), rollbackOf));
        });
        return recorded;
    }

    private static void designable(String key) {
        if (!DESIGNABLE.contains(key)) {
            throw new NotFoundException("There is no process " + abbreviate(String.valueOf(key)) + " to design");
        }
    }

    private ProcessDefinition definition(String key, int version) {
        designable(key);
        if (version < 1) {
            throw new NotFoundException("Process " + key + " has no version " + version + "; versions count from 1");
        }
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .processDefinitionVersion(version).singleResult();
        if (definition == null) {
            throw new NotFoundException("Process " + key + " has no version " + version);
        }
        return definition;
    }

    private String model(ProcessDefinition definition) {
        try (InputStream in = repository.getProcessModel(definition.getId())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("The model of " + definition.getId() + " cannot be read", e);
        }
    }

    /** The Camunda Forms of a deployment, by the id in their schema. */
    private Map<String, String> forms(String deploymentId) {
        Map<String, String> forms = new TreeMap<>();
        for (String resource : repository.getDeploymentResourceNames(deploymentId)) {
            if (!resource.endsWith(".form")) {
                continue;
            }
            try (InputStream in = repository.getResourceAsStream(deploymentId, resource)) {
                String form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String id = json.readTree(form).path("id").asText(null);
                forms.put(id != null ? id : resource.substring(resource.lastIndexOf('/') + 1, resource.length() - 5), form);
            } catch (IOException e) {
                throw new IllegalStateException("The form " + resource + " cannot be read", e);
            }
        }
        return forms;
    }

    private Map<String, Element> elements(ProcessDefinition definition) {
        return ProcessModel.read(model(definition)).map(ProcessModel::elements).orElse(Map.of());
    }

    private static String name(Element element) {
        return element.hasAttribute("name") ? element.getAttribute("name") : null;
    }

    private static String abbreviate(String value) {
        String single = value.replaceAll("\\s+", " ").strip();
        return single.length() <= 160 ? single : single.substring(0, 157) + "...";
    }

}
