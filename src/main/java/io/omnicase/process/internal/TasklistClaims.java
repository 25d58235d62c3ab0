package io.omnicase.process.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnicase.cases.CaseAccess;
import io.omnicase.http.InvalidFieldException;
import io.omnicase.http.Problems;
import io.omnicase.process.CaseForms;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EscalationEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Tasklist's engine API ({@code /camunda/api/engine}) may change on a task, beyond the engine's own permissions
 * (TASK_WORK lets every member of a task's queue work it, whoever holds it):
 * <ul>
 *     <li>an agent claims a task of their queue for themselves only: claiming in a colleague's name is a supervisor's
 *     or admin's hand-over;</li>
 *     <li>every other change of a task (complete, submit the form, resolve, unclaim, throw an error...) is its holder's,
 *     or a supervisor's or admin's: the desk's rule that only a supervisor takes a claimed case over;</li>
 *     <li>a completion sets exactly what the task's form asks for, checked against that form as the desk's form is
 *     ({@link CaseForms#checkCompletion}): no unknown variable, no missing or invalid field;</li>
 *     <li>a BPMN error or escalation is thrown only where the process model catches one: the case process catches none,
 *     and an uncaught error would end the case's process without a word;</li>
 *     <li>only agents, supervisors and admins change tasks at all (an auditor reads, a designer models): not even a
 *     comment;</li>
 *     <li>a task goes only to someone who works one of its queues (an agent of the queue, a supervisor, an admin),
 *     whether claimed for them, assigned, delegated or set as owner; its queues (candidate groups) are its case's
 *     routing decision and are not changed here;</li>
 *     <li>engine-wide triggers (messages, signals, conditions, external tasks, an execution's subscriptions) are an
 *     admin's: a case's messages come through Omnicase;</li>
 *     <li>a changing request's path is taken literally: percent-encoded characters (which the engine's API decodes, but
 *     a check of the raw path would not) are refused.</li>
 * </ul>
 * An allowlist: a task change that is not the holder's is refused whatever its name, and so is any change that is not
 * one of Tasklist's (a task's variables, its attachments) unless an admin makes it.
 */
@Configuration(proxyBeanMethods = false)
class TasklistClaims {

    private static final Pattern TASK_CHANGE = Pattern.compile("/camunda/api/engine/engine/[^/]+/task/([^/]+)/(.+?)/?");
    /** Anything of one task, {@code /task/{id}} and below, read or changed; see {@link #NOT_TASK_IDS}. */
    private static final Pattern ONE_TASK = Pattern.compile("/camunda/api/engine/engine/[^/]+/task/([^/]+)(/.*)?");
    /** Words in a task's place under {@code /task/}: the engine's task-wide resources, no task's id. */
    private static final Set<String> NOT_TASK_IDS = Set.of("count", "create", "report");
    /** {@code PUT /task/{id}}: the task's fields, its assignee and owner among them. */
    private static final Pattern TASK_UPDATE = Pattern.compile("/camunda/api/engine/engine/[^/]+/task/([^/]+)/?");
    /** Engine-wide triggers Omnicase's pages never send; a case's messages come through Omnicase, not the engine. */
    private static final Pattern ENGINE_TRIGGERS = Pattern.compile(
            "/camunda/api/engine/engine/[^/]+/(external-task|condition|signal|message|execution/[^/]+/.+)(/.*)?");
    /** A task's candidates: its queues, from its case's routing decision. */
    private static final Set<String> CANDIDATE_CHANGES = Set.of("identity-links", "identity-links/delete");
    /** Changes that give the task to someone, named by {@code userId}. */
    private static final Set<String> HAND_OUTS = Set.of("claim", "assignee", "delegate");
    private static final Set<String> WORK_TASKS = Set.of("ROLE_AGENT", "ROLE_SUPERVISOR", "ROLE_ADMIN");
    private static final Set<String> COMPLETIONS = Set.of("complete", "submit-form", "resolve");
    /**
     * What Tasklist does to a task: claim, give back, hand over, comment, complete (with the form's fields). A task's
     * variables are its case process's (its queue, its timers, the last customer message it took) and attachments
     * are no case's: writing either is an admin's.
     */
    private static final Set<String> TASKLIST_ACTIONS = Set.of("claim", "unclaim", "assignee", "delegate", "complete",
            "submit-form", "resolve", "comment/create", "bpmnError", "bpmnEscalation", "update");
    private static final Map<String, Class<? extends EventDefinition>> THROWS = Map.of(
            "bpmnError", ErrorEventDefinition.class, "bpmnEscalation", EscalationEventDefinition.class);
    /** Task changes open to any member of its queue: claiming (for oneself) and commenting. */
    private static final Set<String> OPEN_TO_THE_QUEUE = Set.of("claim", "comment/create");
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> MAY_HAND_OUT = Set.of("ROLE_SUPERVISOR", "ROLE_ADMIN");
    private static final int MAX_BODY = 64 * 1024;
    /** How a task that is not there, or not the caller's to know of, is answered: the same words for both. */
    static final String NO_TASK = "There is no open task ";
    /** Variable types a form's fields give (Tasklist sends none for them); a serialized object is no form's. */
    private static final Set<String> PLAIN_TYPES = Set.of("string", "boolean", "integer", "long", "short", "double", "null");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> tasklistClaimsForOneself(ObjectMapper json, TaskService tasks,
                                                                        RepositoryService repository, CaseForms forms,
                                                                        CaseAccess access) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new TaskChanges(json, tasks, repository, forms, access));
        registration.addUrlPatterns("/camunda/api/engine/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 20);
        return registration;
    }

    private static final class TaskChanges extends OncePerRequestFilter {

        private final ObjectMapper json;
        private final TaskService tasks;
        private final RepositoryService repository;
        private final CaseForms forms;
        private final CaseAccess access;

        TaskChanges(ObjectMapper json, TaskService tasks, RepositoryService repository, CaseForms forms, CaseAccess access) {
            this.access = access;
            this.json = json;
            this.tasks = tasks;
            this.repository = repository;
            this.forms = forms;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI();
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            Matcher oneTask = ONE_TASK.matcher(path);
            if (READS.contains(request.getMethod()) && oneTask.matches() && !NOT_TASK_IDS.contains(oneTask.group(1))
                    && !mayHandOut(caller)) {
                // The engine answers a task the caller may not read with 403 and an unknown id with 400 or 404: an
                // existence oracle for task ids. Both are answered as a task that is not there.
                String taskId = oneTask.group(1);
                Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
                if (task == null || !visibleTo(caller, task)) {
                    Problems.write(response, HttpStatus.NOT_FOUND, NO_TASK + taskId, path);
                    return;
                }
            }
            if (READS.contains(request.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            if (path.indexOf('%') >= 0) {
                Problems.write(response, HttpStatus.BAD_REQUEST,
                        "A change through the engine's API takes a plain path: no percent-encoded characters", null);
                return;
            }
            Authentication login = caller;
            if (ENGINE_TRIGGERS.matcher(path).matches() && !has(login, Set.of("ROLE_ADMIN"))) {
                Problems.write(response, HttpStatus.FORBIDDEN, "Messages, signals, conditions and external tasks reach "
                        + "the engine through Omnicase, not through the engine's API", path);
                return;
            }
            Matcher change = TASK_CHANGE.matcher(path);
            Matcher update = TASK_UPDATE.matcher(path);
            boolean isUpdate = "PUT".equals(request.getMethod()) && update.matches();
            if (!change.matches() && !isUpdate) {
                chain.doFilter(request, response);
                return;
            }
            if (!has(login, WORK_TASKS)) {
                Problems.write(response, HttpStatus.FORBIDDEN,
                        "Your role does not work on tasks: agents, supervisors and admins do", path);
                return;
            }
            String taskId = isUpdate ? update.group(1) : change.group(1);
            // With its form keys: a completion is checked against the task's form without reading the task again.
            Task task = tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
            if (task == null || !visibleTo(login, task)) {
                // The engine's API answers a change of a task that is not there with a 500 of its own. A task outside
                // the caller's queues is answered the same: whether it exists and who holds it are not theirs to learn.
                Problems.write(response, HttpStatus.NOT_FOUND, NO_TASK + taskId, path);
                return;
            }
            String action = isUpdate ? "update" : change.group(2);
            if (!TASKLIST_ACTIONS.contains(action) && !CANDIDATE_CHANGES.contains(action) && !has(login, Set.of("ROLE_ADMIN"))) {
                Problems.write(response, HttpStatus.FORBIDDEN, "Tasklist claims, hands over, comments on and completes "
                        + "a task; its variables are its case process's and change through Omnicase", path);
                return;
            }
            if (CANDIDATE_CHANGES.contains(action)) {
                Problems.write(response, HttpStatus.FORBIDDEN, "A task's queues are its case's routing decision: "
                        + "they are not changed here", path);
                return;
            }
            if (!OPEN_TO_THE_QUEUE.contains(action) && !mayHandOut(login)
                    && (login == null || !login.getName().equals(task.getAssignee()))) {
                Problems.write(response, HttpStatus.FORBIDDEN, task.getAssignee() == null
                        ? "Claim the task before you work on it"
                        : "Only the task's holder works on it; a supervisor takes a claimed task over", path);
                return;
            }
            if (THROWS.containsKey(action) && !modelCatches(task, THROWS.get(action))) {
                Problems.write(response, HttpStatus.CONFLICT, "The task's process catches no "
                        + ("bpmnError".equals(action) ? "error" : "escalation")
                        + ": throwing one would end the case's process unnoticed. Complete the task instead", path);
                return;
            }
            if ("claim".equals(action) && task.getAssignee() != null && (login == null || !task.getAssignee().equals(login.getName()))) {
                // Claiming a held task: the engine's API answers with a 500 of its own; taking it over is a supervisor's.
                Problems.write(response, HttpStatus.CONFLICT, "The task is held by " + task.getAssignee()
                        + "; a supervisor hands a held task to someone else", path);
                return;
            }
            if (!HAND_OUTS.contains(action) && !"update".equals(action) && !COMPLETIONS.contains(action)
                    && !"comment/create".equals(action)) {
                chain.doFilter(request, response);
                return;
            }
            byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                Problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "A task change is a small JSON object", path);
                return;
            }
            JsonNode parsed = parsed(body);
            if (parsed == null) {
                Problems.write(response, HttpStatus.BAD_REQUEST, "The body is not a JSON object", path);
                return;
            }
            String missing = missingField(action, parsed);
            if (missing != null) {
                Problems.write(response, HttpStatus.BAD_REQUEST, missing, path);
                return;
            }
            if ("comment/create".equals(action)) {
                chain.doFilter(new io.omnicase.http.BufferedBodyRequest(request, body), response);
                return;
            }
            if (HAND_OUTS.contains(action) || "update".equals(action)) {
                String refused = refusedHandOut(task, login, "update".equals(action)
                        ? new String[]{changed(parsed, "assignee", task.getAssignee()), changed(parsed, "owner", task.getOwner())}
                        : new String[]{changed(parsed, "userId", task.getAssignee())});
                if (refused == null && "update".equals(action)) {
                    refused = changedCaseField(task, parsed);
                }
                if (refused != null) {
                    Problems.write(response, refused.startsWith("You") ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST,
                            refused, path);
                    return;
                }
            } else {
                String refused = refusedCompletion(task, parsed);
                if (refused != null) {
                    Problems.write(response, HttpStatus.BAD_REQUEST, refused, path);
                    return;
                }
            }
            chain.doFilter(new io.omnicase.http.BufferedBodyRequest(request, body), response);
        }

        /**
         * Why the task may not go to these people (null when it may): someone other than the caller is a supervisor's
         * or admin's hand-out, and only to someone who works one of the task's queues.
         */
        private String refusedHandOut(Task task, Authentication login, String[] people) {
            for (String person : people) {
                if (person == null) {
                    continue;
                }
                boolean self = login != null && person.equals(login.getName());
                if (!self && !mayHandOut(login)) {
                    return "You may take a task for yourself only; a supervisor hands tasks to others";
                }
                if (!access.worksQueue(person, null) && !worksOneOf(person, task)) {
                    return self ? "You work none of this task's queues"
                            : "'" + abbreviated(person) + "' works none of this task's queues";
                }
            }
            return null;
        }

        /**
         * Whether the caller may know of the task: supervisors and admins know every task, anyone else the tasks they
         * hold or own and those of a queue they work (the tasks the engine lets them read).
         */
        private boolean visibleTo(Authentication login, Task task) {
            if (mayHandOut(login)) {
                return true;
            }
            if (login == null) {
                return false;
            }
            String me = login.getName();
            return me.equals(task.getAssignee()) || me.equals(task.getOwner()) || worksOneOf(me, task);
        }

        private boolean worksOneOf(String person, Task task) {
            return tasks.getIdentityLinksForTask(task.getId()).stream()
                    .anyMatch(link -> link.getGroupId() != null && access.worksQueue(person, link.getGroupId()));
        }

        /** Why the completion's variables do not fit the task's form, or null when they do. */
        private String refusedCompletion(Task task, JsonNode body) {
            JsonNode variables = body.path("variables");
            if (!variables.isMissingNode() && !variables.isNull() && !variables.isObject()) {
                return "variables must be an object of the form's fields";
            }
            ObjectNode values = json.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> variable = it.next();
                JsonNode typed = variable.getValue();
                String type = typed.path("type").asText("");
                if (!typed.isObject() || !(type.isEmpty() || PLAIN_TYPES.contains(type.toLowerCase(java.util.Locale.ROOT)))) {
                    return variable.getKey() + ": only plain values (text, number, boolean) are taken";
                }
                values.set(variable.getKey(), typed.path("value").isMissingNode() ? json.nullNode() : typed.get("value"));
            }
            try {
                forms.checkCompletion(task, values);
                return null;
            } catch (InvalidFieldException e) {
                return e.detail();
            } catch (IllegalStateException e) {
                return "This task's form cannot be checked here: complete it on the agent desk";
            }
        }

        private JsonNode parsed(byte[] body) {
            if (body.length == 0) {
                return json.createObjectNode();
            }
            try {
                JsonNode node = json.readTree(body);
                return node != null && node.isObject() ? node : null;
            } catch (IOException e) {
                return null;
            }
        }

        private boolean modelCatches(Task task, Class<? extends EventDefinition> kind) {
            return repository.getBpmnModelInstance(task.getProcessDefinitionId()).getModelElementsByType(kind).stream()
                    .anyMatch(definition -> definition.getParentElement() instanceof CatchEvent);
        }
    }

    private static boolean mayHandOut(Authentication login) {
        return has(login, MAY_HAND_OUT);
    }

    private static boolean has(Authentication login, Set<String> authorities) {
        return login != null && login.getAuthorities().stream().anyMatch(a -> authorities.contains(a.getAuthority()));
    }

    /**
     * What a change's body lacks (the engine's API answers these with a 500 of its own), or null: a claim names who
     * claims, an assignment or delegation names the user (null to unassign), a comment has a message.
     */
    private static String missingField(String action, JsonNode body) {
        return switch (action) {
            case "claim" -> body.hasNonNull("userId") && !body.get("userId").asText().isBlank() ? null
                    : "userId: a claim names who takes the task (yourself)";
            case "assignee" -> body.has("userId") ? null : "userId: name the user, or null to unassign";
            case "delegate" -> body.hasNonNull("userId") && !body.get("userId").asText().isBlank() ? null
                    : "userId: name the user the task is delegated to";
            case "comment/create" -> body.hasNonNull("message") && body.get("message").isTextual()
                    && !body.get("message").asText().isBlank() ? null : "message: a comment has a text";
            default -> null;
        };
    }

    /**
     * Why a task update may not go through, or null: the engine's update sets every field, an absent one to nothing, so
     * a body without the task's name wipes its name. The name, description and priority are the case's (its subject,
     * channel, queue and urgency); the hierarchy and tenant are the engine's. Tasklist sends the task back whole with
     * its dates, assignee or owner changed, which passes.
     */
    private static String changedCaseField(Task task, JsonNode body) {
        Map<String, String> current = new java.util.LinkedHashMap<>();
        current.put("name", task.getName());
        current.put("description", task.getDescription());
        current.put("priority", String.valueOf(task.getPriority()));
        current.put("parentTaskId", task.getParentTaskId());
        current.put("caseInstanceId", task.getCaseInstanceId());
        current.put("tenantId", task.getTenantId());
        current.put("delegationState", task.getDelegationState() == null ? null : task.getDelegationState().name());
        for (Map.Entry<String, String> field : current.entrySet()) {
            JsonNode sent = body.get(field.getKey());
            String value = sent == null || sent.isNull() ? null : sent.isNumber() ? String.valueOf(sent.asInt()) : sent.asText();
            boolean unchanged = java.util.Objects.equals(value, field.getValue())
                    || "priority".equals(field.getKey()) && value == null && "0".equals(field.getValue())
                    // The engine leaves the delegation state as it is when none is sent.
                    || "delegationState".equals(field.getKey()) && value == null;
            if (!unchanged) {
                return field.getKey() + ": a task's " + field.getKey() + " comes from its case and is not changed "
                        + "here; send the task as read with only its dates, assignee or owner changed";
            }
        }
        return null;
    }

    /** The person the field names when that is someone new: null when absent, empty or the task's current one. */
    private static String changed(JsonNode body, String field, String current) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty() || value.asText().equals(current)) {
            return null;
        }
        return value.asText();
    }

    private static String abbreviated(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
