package io.omnicase.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.support.Api;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.QueueCases;
import io.omnicase.support.RunningOmnicase;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

/**
 * A designer changes the case process through the designer's API: a new user task with its form reaches new cases, a
 * running case moves to the new version and goes on there; models outside the safe subset or the code's contract, and
 * hostile documents, are refused naming the element, with nothing deployed; versions are compared and rolled back.
 * Every test leaves the shipped model the newest version again (a rollback), as the other tests of the suite expect.
 */
@RunningOmnicase
class ProcessDesignerIT {

    private static final String KEY = "/api/designer/processes/customer-case";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL_BACK_FORM = """
            {"id": "call-back", "type": "default", "schemaVersion": 16, "components": [
              {"type": "textfield", "id": "field_call_outcome", "key": "callOutcome", "label": "What the customer said",
               "validate": {"required": true}}]}""";

    @LocalServerPort
    int port;

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    FormService formService;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aCallBackTaskWithItsFormReachesNewCasesAndARunningCaseMovesToTheNewVersion() throws Exception {
        Api designer = Api.as(port, "designer");
        JsonNode shipped = latest(designer);
        int before = shipped.get("version").asInt();
        QueueCases.QueueCase running = QueueCases.escalatedIn(port, "billing");
        try {
            Map<String, Object> forms = forms(shipped);
            forms.put("call-back", JSON.readTree(CALL_BACK_FORM));
            Api.Response deployed = designer.postJson(KEY + "/deployments", Map.of(
                    "bpmnXml", withCallBack(shipped.get("bpmnXml").asText()), "forms", forms,
                    "reason", "Customers escalated to a person get a call first"));

            assertThat(deployed.status()).as(deployed.toString()).isEqualTo(201);
            int version = deployed.json().get("version").asInt();
            assertThat(version).isGreaterThan(before);
            assertThat(deployed.json().get("deployedBy").asText()).isEqualTo("designer");
            JsonNode listed = designer.get(KEY + "/versions").json().get(0);
            assertThat(listed.get("version").asInt()).isEqualTo(version);
            assertThat(listed.get("reason").asText()).isEqualTo("Customers escalated to a person get a call first");
            assertThat(listed.has("rollbackOf")).isTrue();
            assertThat(listed.get("rollbackOf").isNull()).isTrue();
            JsonNode detail = designer.get(KEY + "/versions/" + version).json();
            assertThat(detail.get("forms").get("call-back").get("components").get(0).get("key").asText()).isEqualTo("callOutcome");
            assertThat(detail.get("forms").has("resolve-case")).isTrue();

            // A new case escalated to a person reaches the new task, with the form deployed with it.
            String marker = UUID.randomUUID().toString().substring(0, 8);
            long newCase = CustomerMessages.write(port, "EMAIL", "callback-" + marker + "@example.com",
                    "I was charged twice for my subscription, please refund it (reference " + marker + ")", null);
            AtomicReference<Task> callBack = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                callBack.set(tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(newCase))
                        .taskDefinitionKey("user_call_customer_back").initializeFormKeys().singleResult());
                return callBack.get() != null;
            });
            assertThat(callBack.get().getName()).isEqualTo("Call the customer back");
            assertThat(repository.getProcessDefinition(callBack.get().getProcessDefinitionId()).getVersion()).isEqualTo(version);
            try (InputStream form = formService.getDeployedTaskForm(callBack.get().getId())) {
                assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8)).contains("callOutcome");
            }

            // The case that waited for a person on the old version: the preview counts it, the batch moves it.
            Map<String, Object> versions = Map.of("fromVersion", before, "toVersion", version);
            Api.Response preview = designer.postJson(KEY + "/migrations/preview", versions);
            assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
            assertThat(preview.json().get("runningCases").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(preview.json().get("canMigrate").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(preview.json().get("unmappedActivities")).isEmpty();
            assertThat(preview.json().get("instructions").findValuesAsText("sourceActivityId")).contains("user_handle_case");

            Api.Response started = designer.postJson(KEY + "/migrations", versions);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            String batch = started.json().get("batchId").asText();
            long total = started.json().get("total").asLong();
            assertThat(total).isEqualTo(preview.json().get("canMigrate").asLong());
            AtomicReference<JsonNode> progress = new AtomicReference<>();
            await().atMost(Duration.ofMinutes(3)).until(() -> {
                progress.set(designer.get("/api/designer/migrations/" + batch).json());
                return progress.get().get("done").asBoolean();
            });
            assertThat(progress.get().get("migrated").asLong()).isEqualTo(total);
            assertThat(progress.get().get("failed").asLong()).isZero();
            ProcessInstance moved = instanceOf(running.caseId());
            assertThat(repository.getProcessDefinition(moved.getProcessDefinitionId()).getVersion()).isEqualTo(version);
            // The case's audit trail says it moved, by whom, from which version to which.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<JsonNode> migrated = new java.util.ArrayList<>();
                Api.as(port, "auditor").get("/api/audit/cases/" + running.caseId() + "/trace").json().get("entries")
                        .forEach(entry -> {
                            if ("process.migrated".equals(entry.path("kind").asText())) {
                                migrated.add(entry);
                            }
                        });
                assertThat(migrated).hasSize(1);
                assertThat(migrated.get(0).path("actor").asText()).isEqualTo("designer");
                assertThat(migrated.get(0).path("content").path("fromVersion").asInt()).isEqualTo(before);
                assertThat(migrated.get(0).path("content").path("toVersion").asInt()).isEqualTo(version);
            });

            // ...and goes on there: the agent resolves it, the new version's follow-up waits.
            Api.Response resolved = Api.as(port, "agent").postJson("/api/cases/" + running.caseId() + "/resolve",
                    Map.of("resolution", "Refunded the second charge", "topic", "BILLING"));
            assertThat(resolved.status()).as(resolved.toString()).isBetween(200, 299);
            await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
                    .processInstanceBusinessKey(String.valueOf(running.caseId())).activityIdIn("evg_resolved").count() == 1);
            assertThat(repository.getProcessDefinition(instanceOf(running.caseId()).getProcessDefinitionId()).getVersion())
                    .isEqualTo(version);
        } finally {
            restore(before);
        }
    }

    @Test
    void aModelTheEngineCannotReadIsRefusedAtValidationAndItsDeploymentIsAProblemNotA500() {
        Api designer = Api.as(port, "designer");
        JsonNode shipped = latest(designer);
        String xml = shipped.get("bpmnXml").asText();
        Map<String, Object> forms = forms(shipped);
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("no history time to live", xml.replaceFirst(" camunda:historyTimeToLive=\"[^\"]*\"", ""));
        broken.put("a flow to an element that does not exist", xml.replace(
                "sourceRef=\"xor_self_service\" targetRef=\"task_escalate_case\"", "sourceRef=\"xor_self_service\" targetRef=\"no_such_task\""));
        int versions = definitions();

        for (Map.Entry<String, String> model : broken.entrySet()) {
            assertThat(model.getValue()).as(model.getKey()).isNotEqualTo(xml);
            Api.Response validated = designer.postJson(KEY + "/validate", Map.of("bpmnXml", model.getValue(), "forms", forms));
            assertThat(validated.status()).isEqualTo(200);
            assertThat(validated.json().get("problems")).as(model.getKey() + ": " + validated).isNotEmpty();
            Api.Response refused = designer.postJson(KEY + "/deployments", Map.of("bpmnXml", model.getValue(), "forms", forms,
                    "reason", model.getKey()));
            assertThat(refused.status()).as(model.getKey() + ": " + refused).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("problems")).isNotEmpty();
        }
        assertThat(definitions()).as("nothing was deployed").isEqualTo(versions);
    }

    @Test
    void aModelOutsideTheSafeSubsetOrTheCodesContractIsRefusedNamingTheElementAndNothingIsDeployed() {
        Api designer = Api.as(port, "designer");
        JsonNode shipped = latest(designer);
        String xml = shipped.get("bpmnXml").asText();
        Map<String, Object> forms = forms(shipped);
        Map<String, String> expected = new LinkedHashMap<>();
        List<String> models = new ArrayList<>();
        models.add(xml.replace("<bpmn:sequenceFlow id=\"flow_closed\"", """
                <bpmn:scriptTask id="script_run_anything" scriptFormat="javascript"><bpmn:script>java.lang.Runtime.getRuntime()</bpmn:script></bpmn:scriptTask>
                <bpmn:sequenceFlow id="flow_closed\""""));
        expected.put("script_run_anything", "scriptTask");
        models.add(xml.replace("${escalateCase}", "${dataSource}"));
        expected.put("task_escalate_case", "allowlisted delegate");
        models.add(xml.replace("${!selfService}", "${execution.getProcessEngineServices()}"));
        expected.put("flow_escalate", "property access or method calls");
        models.add(xml.replace("<camunda:taskListener event=\"complete\" delegateExpression=\"${recordResolver}\"/>", ""));
        expected.put("user_handle_case", "${recordResolver}");
        int versions = definitions();

        List<String> wrong = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> element : expected.entrySet()) {
            String model = models.get(i++);
            Api.Response validated = designer.postJson(KEY + "/validate", Map.of("bpmnXml", model, "forms", forms));
            Api.Response refused = designer.postJson(KEY + "/deployments", Map.of("bpmnXml", model, "forms", forms,
                    "reason", "try " + element.getKey()));
            assertThat(validated.status()).isEqualTo(200);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            for (Api.Response answer : List.of(validated, refused)) {
                boolean named = false;
                for (JsonNode problem : answer.json().get("problems")) {
                    named |= element.getKey().equals(problem.path("elementId").asText())
                            && problem.path("message").asText().contains(element.getValue());
                }
                if (!named) {
                    wrong.add(element.getKey() + " not named in " + answer);
                }
            }
        }
        // The code sends CloseRequested: a model that renames it is refused for the whole document.
        Api.Response renamed = designer.postJson(KEY + "/deployments", Map.of("bpmnXml",
                xml.replace("name=\"CloseRequested\"", "name=\"ClosePlease\""), "forms", forms, "reason", "rename"));
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(renamed.json().get("problems").findValuesAsText("message")).anyMatch(m -> m.contains("CloseRequested"));
        // A user task naming a form that is not deployed with the model.
        Map<String, Object> noForms = Map.of();
        Api.Response formless = designer.postJson(KEY + "/deployments", Map.of("bpmnXml", xml, "forms", noForms,
                "reason", "forms left out"));
        assertThat(formless.status()).isEqualTo(400);
        assertThat(formless.json().get("problems").findValuesAsText("elementId")).contains("user_handle_case");

        assertThat(wrong).isEmpty();
        assertThat(definitions()).as("nothing was deployed").isEqualTo(versions);
        assertThat(latest(designer).get("version").asInt()).isEqualTo(shipped.get("version").asInt());
    }

    @Test
    void hostileModelsAreRefusedWith400AndNothingDeployedAndTheServerStaysResponsive() throws Exception {
        Api designer = Api.as(port, "designer");
        JsonNode shipped = latest(designer);
        String xml = shipped.get("bpmnXml").asText();
        Map<String, Object> forms = forms(shipped);
        String body = xml.substring(xml.indexOf("<bpmn:definitions"));
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("malformed", xml.substring(0, xml.length() / 2));
        hostile.put("external entity", "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
                + body.replace("name=\"Escalate case to queue\"", "name=\"&secret;\""));
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY l0 \"lol\">");
        for (int n = 1; n <= 12; n++) {
            laughs.append("<!ENTITY l").append(n).append(" \"").append(("&l" + (n - 1) + ";").repeat(10)).append("\">");
        }
        hostile.put("billion laughs", laughs.append("]>\n").append(body.replace("name=\"Escalate case to queue\"",
                "name=\"&l12;\"")).toString());
        hostile.put("3 MB model", xml.replace("<bpmn:process ", "<!-- " + "x".repeat(3_000_000) + " -->\n<bpmn:process "));
        hostile.put("unknown extension element", xml.replace("<camunda:taskListener event=\"create\"",
                "<evil:connector xmlns:evil=\"https://evil.example/schema\" url=\"http://evil.example\"/>\n"
                        + "<camunda:taskListener event=\"create\""));
        int versions = definitions();
        for (Map.Entry<String, String> model : hostile.entrySet()) {
            long start = System.nanoTime();
            Api.Response refused = designer.postJson(KEY + "/deployments", Map.of("bpmnXml", model.getValue(),
                    "forms", forms, "reason", model.getKey()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(refused.status()).as(model.getKey() + ": " + refused).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("problems")).as(model.getKey()).isNotEmpty();
            assertThat(millis).as(model.getKey() + " answered in ms").isLessThan(10_000);
        }
        assertThat(designer.postJson(KEY + "/deployments", Map.of("bpmnXml", hostile.get("unknown extension element"),
                "forms", forms, "reason", "x")).json().get("problems").findValuesAsText("elementId")).contains("user_handle_case");

        // 10 MB, with its length declared and streamed without one: refused before it is read.
        String tenMegabytes = "{\"reason\":\"big\",\"bpmnXml\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        for (boolean chunked : new boolean[]{false, true}) {
            HttpResponse<String> answer = send(tenMegabytes, chunked);
            assertThat(answer.statusCode()).as("10 MB, chunked " + chunked + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("problems", "larger than");
        }

        assertThat(definitions()).as("nothing was deployed").isEqualTo(versions);
        long start = System.nanoTime();
        assertThat(designer.get(KEY + "/versions").status()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).as("the server still answers at once (ms)").isLessThan(5_000);
    }

    @Test
    void deployingTheNewestVersionsModelAndFormsAgainIsRefusedAndAddsNoVersion() {
        Api designer = Api.as(port, "designer");
        JsonNode newest = latest(designer);
        int versions = definitions();

        Api.Response again = designer.postJson(KEY + "/deployments", Map.of("bpmnXml", newest.get("bpmnXml").asText(),
                "forms", forms(newest), "reason", "the same once more (a retried request)"));

        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("detail").asText())
                .startsWith("v" + newest.get("version").asInt() + " already holds this model and these forms");
        assertThat(definitions()).as("nothing was deployed").isEqualTo(versions);
    }

    @Test
    void versionsAreComparedAndARollbackMakesAnEarlierVersionTheNewest() {
        Api designer = Api.as(port, "designer");
        JsonNode shipped = latest(designer);
        int before = shipped.get("version").asInt();
        String xml = shipped.get("bpmnXml").asText();
        try {
            Map<String, Object> forms = forms(shipped);
            forms.put("call-back", readTree(CALL_BACK_FORM));
            String changed = withCallBack(xml)
                    .replace("name=\"Resolve case\"", "name=\"Resolve the case\"")
                    .replace("id=\"end_closed\"", "id=\"end_case_closed\"")
                    .replace("targetRef=\"end_closed\"", "targetRef=\"end_case_closed\"")
                    .replace("bpmnElement=\"end_closed\"", "bpmnElement=\"end_case_closed\"");
            Api.Response deployed = designer.postJson(KEY + "/deployments", Map.of("bpmnXml", changed, "forms", forms,
                    "reason", "rename and call back"));
            assertThat(deployed.status()).as(deployed.toString()).isEqualTo(201);
            int version = deployed.json().get("version").asInt();

            // Someone who opened the old version and deploys now would undo this one unseen: refused, nothing deployed.
            Api.Response stale = designer.postJson(KEY + "/deployments", Map.of("bpmnXml", xml, "forms", forms(shipped),
                    "reason", "my edit of the old version", "basedOn", before));
            assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
            assertThat(stale.contentType()).startsWith("application/problem+json");
            assertThat(stale.json().get("detail").asText())
                    .startsWith("v" + version + " by designer was deployed after you opened v" + before + ": nothing was deployed");
            assertThat(designer.get(KEY + "/versions").json().get(0).get("version").asInt()).isEqualTo(version);

            Api auditor = Api.as(port, "auditor");
            Api.Response diff = auditor.get(KEY + "/diff?from=" + before + "&to=" + version);
            assertThat(diff.status()).as(diff.toString()).isEqualTo(200);
            JsonNode d = diff.json();
            assertThat(d.get("added").findValuesAsText("id")).contains("user_call_customer_back", "flow_called_back",
                    "end_case_closed");
            assertThat(d.get("removed").findValuesAsText("id")).containsExactly("end_closed");
            JsonNode renamed = null;
            for (JsonNode element : d.get("changed")) {
                if (element.get("id").asText().equals("task_resolve_case")) {
                    renamed = element;
                }
            }
            assertThat(renamed).as(d.toString()).isNotNull();
            assertThat(renamed.get("changes").get(0).asText()).isEqualTo("name: Resolve case -> Resolve the case");
            assertThat(d.get("changed").findValuesAsText("id")).contains("flow_closed", "flow_to_handle")
                    .doesNotContain("task_assess_case", "user_handle_case");
            // The form deployed with the new step is named as added, the shipped forms as unchanged.
            assertThat(d.get("forms").toString()).as(d.toString()).contains("\"formId\":\"call-back\"", "\"change\":\"added\"")
                    .doesNotContain("resolve-case");

            Api.Response refused = auditor.postJson(KEY + "/versions/" + before + "/rollback", Map.of("reason", "no"));
            assertThat(refused.status()).isEqualTo(403);
            Api.Response rolledBack = designer.postJson(KEY + "/versions/" + before + "/rollback",
                    Map.of("reason", "The call-back step is not staffed yet"));
            assertThat(rolledBack.status()).as(rolledBack.toString()).isEqualTo(201);
            int newest = rolledBack.json().get("version").asInt();
            assertThat(newest).isGreaterThan(version);
            JsonNode top = auditor.get(KEY + "/versions").json().get(0);
            assertThat(top.get("version").asInt()).isEqualTo(newest);
            assertThat(top.get("rollbackOf").asInt()).isEqualTo(before);
            assertThat(top.get("reason").asText()).isEqualTo("The call-back step is not staffed yet");
            // The audit trail holds the rollback: who, why, and which version it restores.
            // (sealed into the chain a moment after the commit)
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
                            "SELECT actor, content FROM audit_entries WHERE kind = 'process.deployed' ORDER BY seq DESC LIMIT 1")
                    .query((rs, n) -> (rs.getString(1) + " " + rs.getString(2)).replace(" ", "")).list())
                    .as("the newest sealed deployment entry").hasSize(1).first(STRING)
                    .startsWith("designer").contains("Thecall-backstepisnotstaffedyet", "\"rollbackOf\":" + before,
                            "\"version\":" + newest));
            assertThat(auditor.get(KEY + "/versions/" + newest).json().get("bpmnXml").asText()).isEqualTo(xml);
            JsonNode same = auditor.get(KEY + "/diff?from=" + before + "&to=" + newest).json();
            assertThat(same.get("added")).isEmpty();
            assertThat(same.get("removed")).isEmpty();
            assertThat(same.get("changed")).isEmpty();
            assertThat(same.get("forms")).isEmpty();
        } finally {
            restore(before);
        }
    }

    @Test
    void elementTemplatesOfferTheAllowlistedDelegatesOnly() {
        JsonNode templates = Api.as(port, "designer").get("/api/designer/element-templates").json();
        assertThat(templates.findValuesAsText("name")).contains("Assess case", "Escalate to queue", "Resolve case");
        List<String> delegates = new ArrayList<>();
        for (JsonNode template : templates) {
            assertThat(template.get("appliesTo").get(0).asText()).isEqualTo("bpmn:ServiceTask");
            for (JsonNode property : template.get("properties")) {
                if (property.get("binding").get("name").asText().equals("camunda:delegateExpression")) {
                    delegates.add(property.get("value").asText());
                }
            }
        }
        assertThat(delegates).hasSize(templates.size()).contains("${assessCase}", "${escalateCase}")
                .doesNotContain("${nameTaskAfterCase}");
    }

    /** The shipped model, made to offer every case escalated to a person a call first, with its own form. */
    static String withCallBack(String xml) {
        String flow = "<bpmn:sequenceFlow id=\"flow_to_handle\" sourceRef=\"task_escalate_case\" targetRef=\"user_handle_case\"/>";
        assertThat(xml).contains(flow, "<bpmn:incoming>flow_to_handle</bpmn:incoming>");
        return xml.replace(flow, """
                        <bpmn:sequenceFlow id="flow_to_handle" sourceRef="task_escalate_case" targetRef="user_call_customer_back"/>
                        <bpmn:userTask id="user_call_customer_back" name="Call the customer back" camunda:candidateGroups="${queue}"
                                       camunda:formRef="call-back" camunda:formRefBinding="deployment">
                          <bpmn:incoming>flow_to_handle</bpmn:incoming>
                          <bpmn:outgoing>flow_called_back</bpmn:outgoing>
                        </bpmn:userTask>
                        <bpmn:sequenceFlow id="flow_called_back" sourceRef="user_call_customer_back" targetRef="user_handle_case"/>""")
                .replace("<bpmn:incoming>flow_to_handle</bpmn:incoming>\n      <bpmn:outgoing>flow_handled",
                        "<bpmn:incoming>flow_called_back</bpmn:incoming>\n      <bpmn:outgoing>flow_handled");
    }

    private JsonNode latest(Api api) {
        int version = api.get(KEY + "/versions").json().get(0).get("version").asInt();
        return api.get(KEY + "/versions/" + version).json();
    }

    private static Map<String, Object> forms(JsonNode version) {
        Map<String, Object> forms = new LinkedHashMap<>();
        version.get("forms").fields().forEachRemaining(f -> forms.put(f.getKey(), f.getValue()));
        return forms;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int definitions() {
        return (int) repository.createProcessDefinitionQuery().processDefinitionKey("customer-case").count();
    }

    private ProcessInstance instanceOf(long caseId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(caseId)).singleResult();
    }

    /** The model the test started from becomes the newest version again, for the rest of the suite. */
    private void restore(int version) {
        Api.Response restored = Api.as(port, "admin").postJson(KEY + "/versions/" + version + "/rollback",
                Map.of("reason", "ProcessDesignerIT restores the model it started from"));
        assertThat(restored.status()).as(restored.toString()).isEqualTo(201);
    }

    private HttpResponse<String> send(String body, boolean chunked) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + KEY + "/deployments"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("designer:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(publisher).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }
}
