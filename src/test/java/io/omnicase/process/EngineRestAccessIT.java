package io.omnicase.process;

import io.omnicase.cases.CaseId;
import io.omnicase.process.CustomerCaseProcess.Elements;
import io.omnicase.process.CustomerCaseProcess.Variables;
import io.omnicase.support.Api;
import io.omnicase.support.QueueCases;
import io.omnicase.support.QueueCases.QueueCase;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.RunningOmnicase;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@code tech} (an agent of the technical queue) did on /engine-rest is refused, and in Tasklist an agent sees and
 * works only the tasks of their queues; a completion cannot forge who resolved the case nor shorten the follow-up.
 */
@RunningOmnicase
class EngineRestAccessIT {

    @LocalServerPort
    int port;

    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    AuthorizationService authorizations;

    private long technicalCase;
    private long billingCase;

    @BeforeEach
    void casesInTwoQueues() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        technicalCase = CustomerMessages.write(port, "EMAIL", "tina-" + suffix + "@example.com",
                "Urgent: the app crashes with an error every time I log in", null);
        billingCase = CustomerMessages.write(port, "EMAIL", "bill-" + suffix + "@example.com",
                "I was charged twice on my last invoice, please refund one payment", null);
        await().atMost(Duration.ofSeconds(60)).until(() -> task(technicalCase) != null && task(billingCase) != null);
        assertThat(tasks.createTaskQuery().taskId(task(technicalCase).getId()).taskCandidateGroup("technical").count()).isEqualTo(1);
        assertThat(tasks.createTaskQuery().taskId(task(billingCase).getId()).taskCandidateGroup("billing").count()).isEqualTo(1);
    }

    @Test
    void anAgentGetsNoAnswerFromEngineRestAndChangesNothingThere() {
        Task billing = task(billingCase);
        Object autoCloseBefore = runtime.getVariable(billing.getProcessInstanceId(), Variables.AUTO_CLOSE_AFTER);
        Api tech = Api.as(port, "tech");

        assertForbidden(tech.get("/engine-rest/task"));
        assertForbidden(tech.get("/engine-rest/variable-instance"));
        assertForbidden(tech.get("/engine-rest/task/" + billing.getId() + "/variables"));
        assertForbidden(tech.put("/engine-rest/task/" + billing.getId() + "/variables/" + Variables.AUTO_CLOSE_AFTER,
                Map.of("value", "PT1S", "type", "String")));
        assertForbidden(tech.postJson("/engine-rest/task/" + billing.getId() + "/variables",
                Map.of("modifications", Map.of(Variables.AUTO_CLOSE_AFTER, Map.of("value", "PT1S")))));
        assertForbidden(tech.postJson("/engine-rest/task/" + billing.getId() + "/assignee", Map.of("userId", "tech")));
        assertForbidden(tech.postJson("/engine-rest/task/" + billing.getId() + "/complete",
                Map.of("variables", Map.of(Variables.RESOLVED_BY, Map.of("value", "agent")))));

        // Canary: the task is open, unclaimed, and its case keeps its follow-up period.
        Task after = tasks.createTaskQuery().taskId(billing.getId()).singleResult();
        assertThat(after).isNotNull();
        assertThat(after.getAssignee()).isNull();
        assertThat(runtime.getVariable(billing.getProcessInstanceId(), Variables.AUTO_CLOSE_AFTER)).isEqualTo(autoCloseBefore);
    }

    @Test
    void engineRestReadsAreForAdminDesignerAndAuditorAndWritesForAdminOnly() {
        for (String user : new String[]{"agent", "tech", "supervisor", "gateway"}) {
            assertForbidden(Api.as(port, user).get("/engine-rest/process-definition"));
        }
        for (String user : new String[]{"admin", "designer", "auditor"}) {
            assertThat(Api.as(port, user).get("/engine-rest/process-definition?key=" + CustomerCaseProcess.KEY).status())
                    .as(user).isEqualTo(200);
        }
        // The model shipped with Omnicase is named within the classpath, not by where the server's files lie.
        List<String> resources = Api.as(port, "auditor").get("/engine-rest/process-definition").json().findValuesAsText("resource");
        assertThat(resources).contains("processes/customer-case.bpmn").noneMatch(name -> name.startsWith("/") || name.contains(":"));
        // A designer reads models, never cases: no instances, tasks, variables or history, here or in Cockpit.
        String instance = task(billingCase).getProcessInstanceId();
        for (String path : new String[]{"/engine-rest/history/task", "/engine-rest/history/variable-instance?variableName=resolution",
                "/engine-rest/process-instance", "/engine-rest/task", "/engine-rest/variable-instance",
                "/engine-rest/process-instance/" + instance + "/variables"}) {
            assertForbidden(Api.as(port, "designer").get(path));
            assertThat(Api.as(port, "auditor").get(path).status()).as("auditor " + path).isEqualTo(200);
        }
        // Nor how many cases run: the statistics count instances (and incidents) per version and per activity.
        String definition = task(billingCase).getProcessDefinitionId();
        for (String path : new String[]{"/engine-rest/process-definition/statistics", "/engine-rest/process-definition/statistics/",
                "/engine-rest/process-definition/statistics?rootIncidents=true",
                "/engine-rest/process-definition/" + definition + "/statistics",
                "/engine-rest/process-definition/key/" + CustomerCaseProcess.KEY + "/statistics"}) {
            assertForbidden(Api.as(port, "designer").get(path));
            assertThat(Api.as(port, "auditor").get(path).status()).as("auditor " + path).isEqualTo(200);
        }
        assertThat(Api.as(port, "designer").get("/engine-rest/process-definition/" + definition + "/xml").status())
                .as("the designer still reads the model").isEqualTo(200);
        for (Permission permission : new Permission[]{Permissions.READ_INSTANCE, Permissions.READ_HISTORY}) {
            assertThat(authorizations.isUserAuthorized("designer", List.of("designer"), permission, Resources.PROCESS_DEFINITION,
                    CustomerCaseProcess.KEY)).as("designer " + permission.getName()).isFalse();
            assertThat(authorizations.isUserAuthorized("auditor", List.of("auditor"), permission, Resources.PROCESS_DEFINITION,
                    CustomerCaseProcess.KEY)).as("auditor " + permission.getName()).isTrue();
        }
        assertThat(authorizations.isUserAuthorized("designer", List.of("designer"), Permissions.READ, Resources.PROCESS_INSTANCE,
                instance)).isFalse();
        for (String user : new String[]{"designer", "auditor", "supervisor"}) {
            assertForbidden(Api.as(port, user).put("/engine-rest/process-instance/" + instance + "/suspended",
                    Map.of("suspended", true)));
        }
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().isSuspended()).isFalse();
    }

    /**
     * Tasklist's engine API changes a task only as Tasklist does: a supervisor who may update every task still cannot
     * set the case process's variables (one such write made a case deaf to its customer), attach files, edit a
     * profile; a body the engine would spend its heap on is refused before it is read; and a channel gateway (a
     * machine) is no Tasklist user at all.
     */
    @Test
    void theEngineApiTakesOnlyTasklistsOwnChangesAndSmallBodies() {
        Task billing = task(billingCase);
        CamundaWebappClient supervisor = CamundaWebappClient.signedIn(port, "supervisor");
        String task = CamundaWebappClient.ENGINE + "/task/" + billing.getId();
        Object lastBefore = runtime.getVariable(billing.getProcessInstanceId(), Variables.LAST_CUSTOMER_MESSAGE);

        assertThat(supervisor.put(task + "/variables/" + Variables.LAST_CUSTOMER_MESSAGE,
                Map.of("value", 999_999_999, "type", "Long")).status()).isEqualTo(403);
        assertThat(supervisor.post(task + "/variables", Map.of("modifications",
                Map.of(Variables.QUEUE, Map.of("value", "senior")))).status()).isEqualTo(403);
        assertThat(supervisor.put(task + "/localVariables/x", Map.of("value", "y")).status()).isEqualTo(403);
        assertThat(supervisor.post(task + "/attachment/create", "multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"attachment-name\"\r\n\r\nx\r\n--b--\r\n").status())
                .isEqualTo(403);
        assertThat(supervisor.put(CamundaWebappClient.ENGINE + "/user/supervisor/profile",
                Map.of("id", "supervisor", "firstName", "Sam", "lastName", "Senior")).status()).isEqualTo(403);
        assertThat(runtime.getVariable(billing.getProcessInstanceId(), Variables.LAST_CUSTOMER_MESSAGE)).isEqualTo(lastBefore);
        assertThat(runtime.getVariable(billing.getProcessInstanceId(), Variables.QUEUE)).isEqualTo("billing");

        String huge = "{\"processInstanceBusinessKeyIn\":[" + "\"1\",".repeat(40_000) + "\"1\"]}";
        Api.Response tooLarge = supervisor.post(CamundaWebappClient.ENGINE + "/task/count", "application/json", huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).contains("application/problem+json");

        Api gateway = Api.as(port, "gateway");
        assertThat(gateway.get("/camunda/api/engine/engine/default/user").status()).isEqualTo(403);
        assertThat(gateway.get("/camunda/api/engine/engine/default/task/count").status()).isEqualTo(403);
    }

    /** Errors of {@code /engine-rest}, the API other systems call, are problem descriptions without Java's names. */
    @Test
    void engineRestErrorsAreProblemDescriptions() {
        Api admin = Api.as(port, "admin");
        for (String path : List.of("/engine-rest/deployment/no-such-deployment/resources/no-such-resource",
                "/engine-rest/task/no-such-task", "/engine-rest/process-definition/key/no-such-process")) {
            Api.Response error = admin.get(path);
            assertThat(error.status()).as(path).isBetween(400, 499);
            assertThat(error.contentType()).as(path).contains("application/problem+json");
            assertThat(error.body()).as(path).doesNotContainPattern("Exception|org\\.camunda|java\\.");
        }
    }

    @Test
    void inTasklistAnAgentSeesAndWorksOnlyTheTasksOfTheirQueues() {
        Task technical = task(technicalCase);
        Task billing = task(billingCase);
        CamundaWebappClient tech = CamundaWebappClient.signedIn(port, "tech");
        CamundaWebappClient agent = CamundaWebappClient.signedIn(port, "agent");

        String techSees = tech.get(CamundaWebappClient.ENGINE + "/task?maxResults=1000").body();
        assertThat(techSees).contains(technical.getId()).doesNotContain(billing.getId());
        assertThat(agent.get(CamundaWebappClient.ENGINE + "/task?maxResults=1000").body())
                .contains(billing.getId()).doesNotContain(technical.getId());
        assertThat(tech.get(CamundaWebappClient.ENGINE + "/variable-instance?processInstanceIdIn=" + billing.getProcessInstanceId())
                .body()).isEqualTo("[]");

        // Another queue's task is answered as one that does not exist (aTaskOutsideTheCallersQueuesIsAnsweredAsNoTask).
        assertThat(tech.put(CamundaWebappClient.ENGINE + "/task/" + billing.getId() + "/variables/" + Variables.AUTO_CLOSE_AFTER,
                Map.of("value", "PT1S", "type", "String")).status()).isEqualTo(404);
        assertThat(tech.post(CamundaWebappClient.ENGINE + "/task/" + billing.getId() + "/claim", Map.of("userId", "tech"))
                .status()).isEqualTo(404);
        // Within their own queue, an agent works a task but does not hand it to someone else, nor claim it in their name.
        assertThat(tech.post(CamundaWebappClient.ENGINE + "/task/" + technical.getId() + "/assignee", Map.of("userId", "agent"))
                .status()).isEqualTo(403);
        Api.Response claimedForAnother = tech.post(CamundaWebappClient.ENGINE + "/task/" + technical.getId() + "/claim",
                Map.of("userId", "agent"));
        assertThat(claimedForAnother.status()).isEqualTo(403);
        assertThat(claimedForAnother.contentType()).startsWith("application/problem+json");

        assertThat(tasks.createTaskQuery().taskId(billing.getId()).singleResult().getAssignee()).isNull();
        assertThat(tasks.createTaskQuery().taskId(technical.getId()).singleResult().getAssignee()).isNull();
        assertThat(runtime.getVariable(billing.getProcessInstanceId(), Variables.AUTO_CLOSE_AFTER)).isNotEqualTo("PT1S");
    }

    @Test
    void aCompletionFromTasklistSetsOnlyTheFormsFieldsAndRecordsTheRealResolver() {
        Task technical = task(technicalCase);
        CamundaWebappClient tech = CamundaWebappClient.signedIn(port, "tech");
        String complete = CamundaWebappClient.ENGINE + "/task/" + technical.getId() + "/complete";

        assertThat(tech.post(CamundaWebappClient.ENGINE + "/task/" + technical.getId() + "/claim", Map.of("userId", "tech"))
                .status()).isEqualTo(204);
        // What the form does not ask for (who resolved, the follow-up period, who closed) is refused, each named...
        Api.Response forged = tech.post(complete, Map.of("variables", Map.of(
                Variables.RESOLVED_BY, Map.of("value", "supervisor"),
                Variables.AUTO_CLOSE_AFTER, Map.of("value", "PT1S"),
                Variables.CLOSED_BY, Map.of("value", "supervisor"),
                Variables.TOPIC, Map.of("value", "TECHNICAL"),
                Variables.RESOLUTION, Map.of("value", "Reinstalled the app"))));
        assertBadRequest(forged);
        assertThat(forged.json().get("detail").asText())
                .contains(Variables.RESOLVED_BY).contains(Variables.AUTO_CLOSE_AFTER).contains(Variables.CLOSED_BY);
        // ...and so are a topic the form does not offer, a completion without the required fields, and a Java object.
        assertThat(assertBadRequest(tech.post(complete, Map.of("variables", Map.of(
                Variables.TOPIC, Map.of("value", "NOT_A_TOPIC<script>"),
                Variables.RESOLUTION, Map.of("value", "x"))))).json().get("detail").asText()).contains(Variables.TOPIC);
        assertThat(assertBadRequest(tech.post(complete, Map.of())).json().get("detail").asText())
                .contains(Variables.TOPIC).contains(Variables.RESOLUTION);
        assertBadRequest(tech.post(complete, Map.of("variables", Map.of(
                Variables.TOPIC, Map.of("value", "rO0AB", "type", "Object"), Variables.RESOLUTION, Map.of("value", "x")))));
        assertThat(tasks.createTaskQuery().taskId(technical.getId()).count()).as("the task is still open").isEqualTo(1);

        // Tasklist's own submission of the form: the fields' values, untyped.
        Api.Response completed = tech.post(CamundaWebappClient.ENGINE + "/task/" + technical.getId() + "/submit-form",
                Map.of("variables", Map.of(Variables.TOPIC, Map.of("value", "TECHNICAL"),
                        Variables.RESOLUTION, Map.of("value", "Reinstalled the app"))));
        assertThat(completed.status()).as(completed.toString()).isIn(200, 204);

        Api supervisor = Api.as(port, "supervisor");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "RESOLVED".equals(supervisor.get("/api/cases/" + technicalCase).json().get("status").asText()));
        String timeline = supervisor.get("/api/cases/" + technicalCase + "/timeline").body();
        assertThat(timeline).contains("Resolved by Toni Tech: Reinstalled the app").doesNotContain("Resolved by Sara Supervisor", "Resolved by supervisor");

        // The follow-up timer runs for the configured period.
        Job autoClose = management.createJobQuery().processInstanceId(technical.getProcessInstanceId())
                .activityId(Elements.timer_auto_close.id()).singleResult();
        assertThat(autoClose).isNotNull();
        assertThat(autoClose.getDuedate().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(1)));
    }

    @Test
    void noAgentEndsACaseThroughAnErrorAnEscalationOrAnEncodedPath() {
        Task billing = task(billingCase);
        String task = CamundaWebappClient.ENGINE + "/task/" + billing.getId();
        Map<String, Object> resolution = Map.of("variables", Map.of(Variables.TOPIC, Map.of("value", "BILLING"),
                Variables.RESOLUTION, Map.of("value", "Refunded behind the holder's back")));
        CamundaWebappClient agent = CamundaWebappClient.signedIn(port, "agent");
        CamundaWebappClient senior = CamundaWebappClient.signedIn(port, "senior");
        assertThat(senior.post(task + "/claim", Map.of("userId", "senior")).status()).isEqualTo(204);

        // The task's id, or the action, with one character percent-encoded: the engine's API would decode it.
        String id = billing.getId();
        String encodedId = CamundaWebappClient.ENGINE + "/task/%" + Integer.toHexString(id.charAt(0)) + id.substring(1);
        assertBadRequest(agent.post(encodedId + "/complete", resolution));
        assertBadRequest(agent.post(task + "/%63omplete", resolution));
        // Throwing an error or an escalation the case process does not catch: not by a colleague, nor by the holder.
        assertForbidden(agent.post(task + "/bpmnError", Map.of("errorCode", "probe")));
        assertForbidden(agent.post(task + "/bpmnEscalation", Map.of("escalationCode", "probe")));
        assertForbidden(agent.post(task + "/unclaim", Map.of()));
        Api.Response holderThrows = senior.post(task + "/bpmnError", Map.of("errorCode", "probe"));
        assertThat(holderThrows.status()).as(holderThrows.toString()).isEqualTo(409);
        assertThat(holderThrows.contentType()).startsWith("application/problem+json");

        // Cockpit's plugin API is Cockpit's: its count of running cases is not an agent's to read.
        assertForbidden(agent.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics"));
        assertThat(CamundaWebappClient.signedIn(port, "supervisor")
                .get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics").status()).isEqualTo(200);

        Api.Response noSuchTask = agent.post(CamundaWebappClient.ENGINE + "/task/no-such-task/complete", resolution);
        assertThat(noSuchTask.status()).as(noSuchTask.toString()).isEqualTo(404);
        assertThat(noSuchTask.contentType()).startsWith("application/problem+json");

        Task after = tasks.createTaskQuery().taskId(billing.getId()).singleResult();
        assertThat(after).as("the task is still open").isNotNull();
        assertThat(after.getAssignee()).isEqualTo("senior");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(billing.getProcessInstanceId()).count()).isEqualTo(1);
    }

    @Test
    void aTaskThatMovesToAnotherQueueLeavesTheOldQueuesTasklist() {
        QueueCase moving = QueueCases.escalatedIn(port, "technical");
        CamundaWebappClient tech = CamundaWebappClient.signedIn(port, "tech");
        String byCase = CamundaWebappClient.ENGINE + "/task?processInstanceBusinessKey=" + new CaseId(moving.caseId()).businessKey();
        assertThat(tech.get(byCase).body()).contains(moving.taskId());

        QueueCases.customerWrites(port, moving, "Never mind the app. I was charged twice for my subscription this month!");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                tasks.createTaskQuery().taskId(moving.taskId()).taskCandidateGroup("billing").count() == 1);

        assertThat(tech.get(byCase).json()).as("the technical queue's Tasklist").isEmpty();
        Api.Response claimed = tech.post(CamundaWebappClient.ENGINE + "/task/" + moving.taskId() + "/claim", Map.of("userId", "tech"));
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(404);
        assertThat(tasks.createTaskQuery().taskId(moving.taskId()).singleResult().getAssignee()).isNull();
        assertThat(CamundaWebappClient.signedIn(port, "agent").get(byCase).body()).as("billing's Tasklist").contains(moving.taskId());
    }

    @Test
    void onlyTheTasksHolderCompletesItInTasklistAndAFormerHolderLosesIt() {
        Task billing = task(billingCase);
        String complete = CamundaWebappClient.ENGINE + "/task/" + billing.getId() + "/complete";
        Map<String, Object> resolution = Map.of("variables", Map.of(Variables.TOPIC, Map.of("value", "BILLING"),
                Variables.RESOLUTION, Map.of("value", "Refunded behind the holder's back")));
        CamundaWebappClient agent = CamundaWebappClient.signedIn(port, "agent");
        CamundaWebappClient senior = CamundaWebappClient.signedIn(port, "senior");

        assertForbidden(agent.post(complete, resolution));
        assertThat(agent.post(CamundaWebappClient.ENGINE + "/task/" + billing.getId() + "/claim", Map.of("userId", "agent"))
                .status()).isEqualTo(204);
        assertForbidden(senior.post(complete, resolution));

        // A supervisor hands the task to senior (billing too), then takes it over: each former holder loses it.
        assertThat(CamundaWebappClient.signedIn(port, "supervisor").post(CamundaWebappClient.ENGINE + "/task/"
                + billing.getId() + "/assignee", Map.of("userId", "senior")).status()).isEqualTo(204);
        assertThat(Api.as(port, "supervisor").post("/api/desk/tasks/" + billing.getId() + "/claim", "application/json", "")
                .status()).isEqualTo(200);
        assertForbidden(senior.post(complete, resolution));
        assertForbidden(agent.post(complete, resolution));

        Task after = tasks.createTaskQuery().taskId(billing.getId()).singleResult();
        assertThat(after).as("the task is still open").isNotNull();
        assertThat(after.getAssignee()).isEqualTo("supervisor");
    }

    /**
     * A task goes to someone who works its queue, however it is handed out: Tasklist's assign, claim in a name, delegate
     * and task update refuse anyone else with a problem, its queues are not changed there, and the engine's own API
     * (what a model's expression or any other caller reaches) leaves the task in its queue.
     */
    @Test
    void aTaskGoesOnlyToSomeoneWhoWorksItsQueueHoweverItIsHandedOut() {
        Task billing = task(billingCase);
        String taskPath = CamundaWebappClient.ENGINE + "/task/" + billing.getId();
        CamundaWebappClient supervisor = CamundaWebappClient.signedIn(port, "supervisor");

        for (String outsider : List.of("designer", "auditor", "gateway", "tech")) {
            assertBadRequest(supervisor.post(taskPath + "/assignee", Map.of("userId", outsider)));
            assertBadRequest(supervisor.post(taskPath + "/claim", Map.of("userId", outsider)));
            assertBadRequest(supervisor.post(taskPath + "/delegate", Map.of("userId", outsider)));
            assertBadRequest(supervisor.put(taskPath, Map.of("name", billing.getName(), "assignee", outsider)));
        }
        assertForbidden(supervisor.post(taskPath + "/identity-links", Map.of("groupId", "designer", "type", "candidate")));
        assertThat(tasks.createTaskQuery().taskId(billing.getId()).singleResult().getAssignee()).isNull();
        assertThat(tasks.getIdentityLinksForTask(billing.getId())).extracting(l -> l.getGroupId()).containsExactly("billing");

        // Through the engine's own API: the task stays in its queue, and tech reaches neither it nor its case.
        tasks.setAssignee(billing.getId(), "tech");
        tasks.setAssignee(billing.getId(), "designer");
        assertThat(tasks.createTaskQuery().taskId(billing.getId()).singleResult().getAssignee()).isNull();
        assertThat(CamundaWebappClient.signedIn(port, "tech").get(CamundaWebappClient.ENGINE + "/task?maxResults=1000").body())
                .doesNotContain(billing.getId());
        assertThat(Api.as(port, "tech").get("/api/cases/" + billingCase).status()).isEqualTo(403);

        // Someone who works billing may have it.
        assertThat(supervisor.post(taskPath + "/assignee", Map.of("userId", "senior")).status()).isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(billing.getId()).singleResult().getAssignee()).isEqualTo("senior");

        // A colleague of the queue neither releases senior's claim with an empty claim nor claims over it.
        CamundaWebappClient agent = CamundaWebappClient.signedIn(port, "agent");
        for (Map<String, Object> claim : List.<Map<String, Object>>of(Map.of(), Map.of("userId", "agent"))) {
            Api.Response over = agent.post(taskPath + "/claim", claim);
            assertThat(over.status()).as(over.toString()).isEqualTo(409);
            assertThat(over.contentType()).startsWith("application/problem+json");
        }
        // An empty claim of a task nobody holds names nobody: refused, not the engine's 500.
        assertBadRequest(CamundaWebappClient.signedIn(port, "tech").post(CamundaWebappClient.ENGINE + "/task/"
                + task(technicalCase).getId() + "/claim", Map.of()));
        assertBadRequest(agent.post(taskPath + "/comment/create", Map.of()));
        assertThat(tasks.createTaskQuery().taskId(billing.getId()).singleResult().getAssignee()).isEqualTo("senior");
    }

    /**
     * The engine's update of a task sets every field, an absent one to nothing: a body without the task's name wiped
     * its name, description and priority. Only the dates, assignee and owner change there now, as Tasklist sends them
     * (the task back whole). And what the engine refuses is the request's fault in words: a 400 problem, not its 500
     * naming Java types, a 404 for a query parameter of the wrong kind, or Jackson's text.
     */
    @Test
    void aTaskKeepsItsCasesFieldsAndTheEnginesRefusalsAreProblemsInWords() throws Exception {
        Task billing = task(billingCase);
        String taskPath = CamundaWebappClient.ENGINE + "/task/" + billing.getId();
        CamundaWebappClient supervisor = CamundaWebappClient.signedIn(port, "supervisor");

        Api.Response wipe = assertBadRequest(supervisor.put(taskPath, Map.of("due", "2030-01-01T10:00:00.000+0000")));
        assertThat(wipe.body()).contains("name");
        Task kept = tasks.createTaskQuery().taskId(billing.getId()).singleResult();
        assertThat(kept.getName()).isEqualTo(billing.getName()).isNotBlank();
        assertThat(kept.getPriority()).isEqualTo(billing.getPriority());
        assertThat(kept.getDueDate()).isNull();

        // Tasklist's way: the task as read, a date changed.
        com.fasterxml.jackson.databind.node.ObjectNode asRead = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(supervisor.get(taskPath).body());
        asRead.put("due", "2030-01-01T10:00:00.000+0000");
        asRead.remove(List.of("camundaFormRef", "taskState", "lastUpdated")); // read-only: the engine takes none of them
        Api.Response dated = supervisor.put(taskPath, "application/json", asRead.toString());
        assertThat(dated.status()).as(dated.toString()).isEqualTo(204);
        kept = tasks.createTaskQuery().taskId(billing.getId()).singleResult();
        assertThat(kept.getDueDate()).isNotNull();
        assertThat(kept.getName()).isEqualTo(billing.getName());
        asRead.put("priority", 1);
        assertBadRequest(supervisor.put(taskPath, "application/json", asRead.toString()));
        assertThat(tasks.createTaskQuery().taskId(billing.getId()).singleResult().getPriority()).isEqualTo(billing.getPriority());

        Api.Response delete = assertBadRequest(supervisor.delete(taskPath));
        assertThat(delete.body()).contains("part of a running process").doesNotContain("Exception");
        assertThat(tasks.createTaskQuery().taskId(billing.getId()).count()).isEqualTo(1);
        // (A task's variables are an admin's to write; see theEngineApiTakesOnlyTasklistsOwnChangesAndSmallBodies.)
        Api.Response nullBody = assertBadRequest(CamundaWebappClient.signedIn(port, "admin")
                .post(taskPath + "/variables", "application/json", "null"));
        assertThat(nullBody.body()).doesNotContain("Exception").doesNotContain("org.camunda");
        Api.Response wrongKind = assertBadRequest(supervisor.post(taskPath + "/assignee", Map.of("userId", List.of("senior"))));
        assertThat(wrongKind.body()).doesNotContain("java.lang").doesNotContain("Jackson").doesNotContain("\"message\":\"\"");
        assertBadRequest(supervisor.get(CamundaWebappClient.ENGINE + "/task?firstResult=abc"));
        assertThat(tasks.createTaskQuery().taskId(billing.getId()).singleResult().getAssignee()).isNull();
    }

    /**
     * A negative page (firstResult=-5) went into the engine's SQL as it was: MariaDB refused it, and the engine's
     * persistence error was answered as a database outage, 503 with Retry-After, an ERROR and its stack trace logged
     * for each request (probe 49). Any signed-in agent could send it from Tasklist's API. It is the request's fault.
     */
    @Test
    void aNegativePageIsTheRequestsFaultNotADatabaseOutage() throws Exception {
        CamundaWebappClient agent = CamundaWebappClient.signedIn(port, "agent");
        String[] pages = {"/task?firstResult=-5", "/task?firstResult=-5&maxResults=10", "/task?maxResults=-2147483648",
                "/history/process-instance?firstResult=-5&maxResults=5", "/task?firstResult=%2D1"};
        for (String page : pages) {
            Api.Response refused = assertBadRequest(agent.get(CamundaWebappClient.ENGINE + page));
            assertThat(refused.body()).contains("must be 0 or more");
            Api.Response rest = assertBadRequest(Api.as(port, "admin").get("/engine-rest" + page));
            assertThat(rest.body()).contains("must be 0 or more");
        }
        Api.Response post = assertBadRequest(agent.post(CamundaWebappClient.ENGINE + "/task?firstResult=-3", Map.of()));
        assertThat(post.body()).contains("firstResult");
        // A page from 0 is answered as before.
        Api.Response first = agent.get(CamundaWebappClient.ENGINE + "/task?firstResult=0&maxResults=1000");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.body()).contains(task(billingCase).getId());
    }

    /**
     * A business key longer than the engine's column was refused by MariaDB, and the engine's persistence error was
     * answered "the database cannot be reached just now: try again" (503 with Retry-After), a retry that never helps
     * (probe 49). MariaDB answers all the while: the request's fault, in words, and no case started.
     */
    @Test
    void aValueTooLongForTheEngineIsTheRequestsFaultNotAnOutage() {
        Api admin = Api.as(port, "admin");
        String key = "k".repeat(300);
        Api.Response refused = assertBadRequest(admin.postJson(
                "/engine-rest/process-definition/key/" + CustomerCaseProcess.KEY + "/start", Map.of("businessKey", key)));
        assertThat(refused.body()).contains("longer than the engine stores").doesNotContain("cannot be reached");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isZero();
    }

    /**
     * Camunda's own filter answered a GET on /engine-rest with "Cache-Control: no-cache" (storable), so task names that
     * quote a customer's first message could be kept by a browser or proxy; every other API answer says no-store.
     */
    @Test
    void engineRestAnswersHoldingCustomersWordsAreNotStored() throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/engine-rest/task"))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                                .encodeToString("admin:demo".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .header("Accept", "application/json").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains(task(billingCase).getId());
        assertThat(answer.headers().allValues("Cache-Control")).as(answer.headers().toString()).isNotEmpty()
                .allSatisfy(value -> assertThat(value).contains("no-store"));
    }

    /**
     * An admin works no queue, so Tasklist's "My queues" was empty for them while Cockpit counted open tasks. "All open
     * tasks" shows an admin every task, and an agent still only their queues' tasks.
     */
    @Test
    void allOpenTasksShowsAnAdminEveryTaskAndAnAgentTheirQueuesOnly() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        CamundaWebappClient admin = CamundaWebappClient.signedIn(port, "admin");
        String filterId = null;
        for (com.fasterxml.jackson.databind.JsonNode filter : json.readTree(admin.get(CamundaWebappClient.ENGINE + "/filter?resourceType=Task").body())) {
            if ("All open tasks".equals(filter.path("name").asText())) {
                filterId = filter.path("id").asText();
            }
        }
        assertThat(filterId).as("the filter exists").isNotNull();
        String list = CamundaWebappClient.ENGINE + "/filter/" + filterId + "/list?maxResults=1000";
        assertThat(admin.get(list).body()).contains(task(billingCase).getId(), task(technicalCase).getId());
        String techSees = CamundaWebappClient.signedIn(port, "tech").get(list).body();
        assertThat(techSees).contains(task(technicalCase).getId()).doesNotContain(task(billingCase).getId());
    }

    /**
     * A task outside the caller's queues is answered exactly as a made-up id is, read or changed, in Tasklist's engine
     * API and on the desk: the same status and the same words. The engine's own answers (403 for a task the caller may
     * not read, 400 or 404 for an unknown id, 409 naming the holder) told whether a task exists and who holds it.
     */
    @Test
    void aTaskOutsideTheCallersQueuesIsAnsweredAsNoTask() {
        Task billing = task(billingCase);
        String madeUp = UUID.randomUUID().toString();
        assertThat(tasks.createTaskQuery().taskId(madeUp).count()).isZero();
        // Held by a colleague of billing: the holder was named in the answer to a claim.
        tasks.claim(billing.getId(), "agent");
        CamundaWebappClient tech = CamundaWebappClient.signedIn(port, "tech");
        CamundaWebappClient designer = CamundaWebappClient.signedIn(port, "designer", "cockpit");
        Api techApi = Api.as(port, "tech");
        record Call(String what, java.util.function.Function<String, Api.Response> call) {
        }
        String engineTask = CamundaWebappClient.ENGINE + "/task/";
        List<Call> calls = List.of(
                new Call("Tasklist claim", id -> tech.post(engineTask + id + "/claim", Map.of("userId", "tech"))),
                new Call("Tasklist complete", id -> tech.post(engineTask + id + "/complete", Map.of("variables", Map.of()))),
                new Call("Tasklist unclaim", id -> tech.post(engineTask + id + "/unclaim", Map.of())),
                new Call("Tasklist comment", id -> tech.post(engineTask + id + "/comment/create", Map.of("message", "hi"))),
                new Call("Tasklist variables write", id -> tech.put(engineTask + id + "/variables/x", Map.of("value", "y"))),
                new Call("Tasklist task read", id -> tech.get(engineTask + id)),
                new Call("Tasklist variables read", id -> tech.get(engineTask + id + "/variables")),
                new Call("Tasklist form read", id -> tech.get(engineTask + id + "/form")),
                new Call("Tasklist identity links read", id -> tech.get(engineTask + id + "/identity-links")),
                new Call("designer's task read", id -> designer.get(engineTask + id + "/variables")),
                new Call("desk claim", id -> techApi.post("/api/desk/tasks/" + id + "/claim", "application/json", "")));
        for (Call call : calls) {
            Api.Response foreign = call.call().apply(billing.getId());
            Api.Response unknown = call.call().apply(madeUp);
            assertThat(unknown.status()).as(call.what() + " of a made-up id: " + unknown).isEqualTo(404);
            assertThat(unknown.contentType()).as(call.what()).startsWith("application/problem+json");
            assertThat(foreign.status()).as(call.what() + " of another queue's task: " + foreign).isEqualTo(unknown.status());
            assertThat(foreign.contentType()).as(call.what()).isEqualTo(unknown.contentType());
            assertThat(foreign.body().replace(billing.getId(), "{id}")).as(call.what())
                    .isEqualTo(unknown.body().replace(madeUp, "{id}"))
                    .doesNotContain("agent").doesNotContain(String.valueOf(billingCase));
        }
        // Nothing changed, and the task is still the holder's and their queue's to see and work.
        assertThat(tasks.createTaskQuery().taskId(billing.getId()).singleResult().getAssignee()).isEqualTo("agent");
        assertThat(tasks.getTaskComments(billing.getId())).isEmpty();
        assertThat(CamundaWebappClient.signedIn(port, "agent").get(engineTask + billing.getId()).status()).isEqualTo(200);
        assertThat(CamundaWebappClient.signedIn(port, "senior").get(engineTask + billing.getId() + "/variables").status())
                .isEqualTo(200);
        assertThat(CamundaWebappClient.signedIn(port, "supervisor").get(engineTask + billing.getId()).status()).isEqualTo(200);
        // Task-wide resources under /task/ are no task: still answered by the engine.
        assertThat(tech.get(engineTask + "count").status()).isEqualTo(200);
    }

    /** The engine API's statistics count every queue's running cases: Cockpit's roles read them, an agent does not. */
    @Test
    void onlyCockpitsRolesCountRunningCasesThroughTheEngineApi() {
        String statistics = CamundaWebappClient.ENGINE + "/process-definition/statistics";
        Api.Response agent = CamundaWebappClient.signedIn(port, "agent").get(statistics);
        assertThat(agent.status()).as(agent.toString()).isEqualTo(403);
        assertThat(CamundaWebappClient.signedIn(port, "agent").get(statistics + "/").status()).as("with a trailing slash").isEqualTo(403);
        assertThat(CamundaWebappClient.signedIn(port, "agent").get(CamundaWebappClient.ENGINE + "/metrics/activity-instance-start/sum").status())
                .isEqualTo(403);
        assertThat(CamundaWebappClient.signedIn(port, "supervisor").get(statistics).status()).isEqualTo(200);
    }

    /** Only those who work cases change a task at all: an auditor reads, a designer models, neither comments. */
    @Test
    void auditorsAndDesignersChangeNoTaskAndNobodyButAnAdminTriggersTheEngine() {
        Task billing = task(billingCase);
        for (String reader : List.of("auditor", "designer")) {
            CamundaWebappClient client = CamundaWebappClient.signedIn(port, reader, "cockpit");
            assertForbidden(client.post(CamundaWebappClient.ENGINE + "/task/" + billing.getId() + "/comment/create",
                    Map.of("message", reader + " was here")));
            assertForbidden(client.post(CamundaWebappClient.ENGINE + "/task/" + billing.getId() + "/submit-form",
                    Map.of("variables", Map.of())));
        }
        assertThat(tasks.getTaskComments(billing.getId())).isEmpty();

        CamundaWebappClient agent = CamundaWebappClient.signedIn(port, "agent");
        assertForbidden(agent.post(CamundaWebappClient.ENGINE + "/message",
                Map.of("messageName", "CloseRequested", "businessKey", new CaseId(technicalCase).businessKey())));
        assertForbidden(agent.post(CamundaWebappClient.ENGINE + "/external-task/fetchAndLock",
                Map.of("workerId", "w", "maxTasks", 1, "topics", List.of(Map.of("topicName", "x", "lockDuration", 1000)))));
        assertForbidden(CamundaWebappClient.signedIn(port, "supervisor").post(CamundaWebappClient.ENGINE + "/condition",
                Map.of("variables", Map.of())));
    }

    private Task task(long caseId) {
        return tasks.createTaskQuery().processInstanceBusinessKey(new CaseId(caseId).businessKey())
                .taskDefinitionKey(Elements.user_handle_case.id()).singleResult();
    }

    private static Api.Response assertBadRequest(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        return response;
    }

    private static void assertForbidden(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
