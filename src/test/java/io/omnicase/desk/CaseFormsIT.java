package io.omnicase.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.support.Accessibility;
import io.omnicase.support.Api;
import io.omnicase.support.Browser;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.QueueCases;
import io.omnicase.support.QueueCases.QueueCase;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The form of a case's step is the Camunda Form deployed with the case's process version, and a submission is checked
 * against that form on the server: the resolve form of ui-forms/, and a task a designer adds with a form of its own,
 * which the desk draws and submits without any code knowing its fields.
 */
@RunningOmnicase
class CaseFormsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void theStepOfAnEscalatedCaseCarriesTheResolveFormAsDeployed() throws Exception {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");

        JsonNode step = agent().get("/api/cases/" + billing.caseId() + "/form").json();

        assertThat(step.get("taskId").asText()).isEqualTo(billing.taskId());
        assertThat(step.get("action").asText()).isEqualTo("RESOLVE");
        assertThat(step.get("formId").asText()).isEqualTo("resolve-case");
        assertThat(step.get("schema")).isEqualTo(JSON.readTree(Files.readString(Path.of("ui-forms/resolve-case.form"))));
    }

    @Test
    void aSubmissionMissingARequiredFieldIsRefusedNamingItAndTheCaseStaysOpen() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");

        for (String path : List.of("/form", "/resolve")) {
            Api.Response response = agent().postJson("/api/cases/" + billing.caseId() + path, Map.of("resolution", "Refunded"));

            assertThat(response.status()).as(path + ": " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("errors")).hasSize(1);
            assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("topic");
            assertThat(response.json().get("detail").asText()).isEqualTo("topic: is required");
        }
        assertThat(status(billing.caseId())).isEqualTo("ESCALATED");
    }

    @Test
    void aFieldTheFormDoesNotHaveIsRefused() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");

        Api.Response response = agent().postJson("/api/cases/" + billing.caseId() + "/form",
                Map.of("resolution", "Refunded", "topic", "BILLING", "resolvedBy", "mallory"));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("resolvedBy");
        assertThat(response.json().get("detail").asText()).isEqualTo("resolvedBy: is not a field of this form");
        assertThat(status(billing.caseId())).isEqualTo("ESCALATED");

        Api.Response resolved = agent().postJson("/api/cases/" + billing.caseId() + "/form?taskId=" + billing.taskId(),
                Map.of("resolution", "Refunded", "topic", "BILLING"));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.json().get("status").asText()).isEqualTo("RESOLVED");
    }

    /**
     * A designer deploys a process with a task "Call the customer back" and a form of its own; the task, started on a
     * case, is the case's step: the desk draws its form (no code knows its fields), the server checks a submission
     * against that form and not the resolve form, and the desk completes it in Chromium, at 1400 and at 360 pixels.
     */
    @Test
    void aTaskWithAFormOfItsOwnIsDrawnByTheDeskAndCheckedAgainstItsOwnForm() {
        String address = "callback-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        long caseId = CustomerMessages.write(port, "EMAIL", address, "How do I download an invoice for my last payment?",
                "thread-" + address);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SELF_SERVICE".equals(status(caseId)));
        String processInstance = startCallBack(caseId);

        JsonNode step = supervisor().get("/api/cases/" + caseId + "/form").json();
        assertThat(step.get("name").asText()).isEqualTo("Call the customer back");
        assertThat(step.get("action").asText()).isEqualTo("COMPLETE");
        assertThat(step.get("formId").asText()).isEqualTo("it-call-back");

        Api.Response resolveFields = supervisor().postJson("/api/cases/" + caseId + "/form",
                Map.of("resolution", "Refunded", "topic", "BILLING"));
        assertThat(resolveFields.status()).as(resolveFields.toString()).isEqualTo(400);
        assertThat(resolveFields.json().get("errors")).extracting(e -> e.get("field").asText() + " " + e.get("message").asText())
                .containsExactlyInAnyOrder("outcome is required", "resolution is not a field of this form",
                        "topic is not a field of this form");
        Api.Response wrongType = supervisor().postJson("/api/cases/" + caseId + "/form",
                Map.of("outcome", "REACHED", "minutes", "twelve"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("detail").asText()).isEqualTo("minutes: must be a number");
        Api.Response notAnOption = supervisor().postJson("/api/cases/" + caseId + "/form", Map.of("outcome", "MAYBE"));
        assertThat(notAnOption.json().get("detail").asText()).isEqualTo("outcome: must be one of REACHED, NO_ANSWER");
        Api.Response resolve = supervisor().postJson("/api/cases/" + caseId + "/resolve", Map.of("outcome", "REACHED"));
        assertThat(resolve.status()).as("this step does not resolve the case").isEqualTo(409);

        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn(base(), "supervisor", "/desk.html#case-" + caseId);
            recordPolicyViolations(page);
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));
            wait.until(d -> "ready".equals(d.findElement(By.id("step-form")).getDomAttribute("data-state")));
            assertThat(page.findElement(By.cssSelector("#step-form .step-name")).getText()).isEqualTo("Step: Call the customer back");
            assertThat(page.findElement(By.id("step-submit")).getText()).isEqualTo("Complete “Call the customer back”");
            assertThat(page.findElement(By.id("step-form")).getText()).doesNotContain("Resolution");
            StepForms.pick(page, "Reached");
            StepForms.field(page, "Minutes on the phone").sendKeys("12");
            browser.screenshot("forms-1-call-back-1400");
            assertThat(Accessibility.seriousViolations(page)).as("axe-core on the desk with a designer's form").isEmpty();

            page.manage().window().setSize(new Dimension(360, 900));
            ((JavascriptExecutor) page).executeScript("document.getElementById('step-form').scrollIntoView()");
            assertThat(((Number) ((JavascriptExecutor) page).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth")).intValue())
                    .as("no horizontal scrolling at 360 px").isLessThanOrEqualTo(0);
            browser.screenshot("forms-2-call-back-360");
            page.manage().window().setSize(new Dimension(1400, 1000));

            page.findElement(By.id("step-submit")).click();
            wait.until(d -> d.findElement(By.id("case-status")).getText().startsWith("“Call the customer back” is done."));
            // The case is back with the assistant: its step now is resolving it, with the resolve form.
            wait.until(d -> d.findElement(By.id("step-form")).getDomAttribute("data-form").equals("resolve-case"));
            wait.until(d -> "ready".equals(d.findElement(By.id("step-form")).getDomAttribute("data-state")));
            StepForms.field(page, "Resolution");
            browser.screenshot("forms-3-back-to-resolve");
            assertThat(policyViolations(page)).as("Content-Security-Policy violations on the desk").isEmpty();
        }
        JsonNode minutes = admin().get("/engine-rest/history/variable-instance?processInstanceId=" + processInstance
                + "&variableName=minutes").json();
        assertThat(minutes.get(0).get("value").asInt()).isEqualTo(12);
        assertThat(admin().get("/engine-rest/history/process-instance/" + processInstance).json().get("state").asText())
                .isEqualTo("COMPLETED");
        assertThat(status(caseId)).isEqualTo("SELF_SERVICE");
    }

    /** Deploys (as an administrator, through the guarded door) a small process with its own form and starts it on the case. */
    private String startCallBack(long caseId) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions_it_call_back"
                    targetNamespace="https://omnicase.io/tests">
                  <bpmn:process id="it-call-back" name="Call back (test)" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start_call_back"/>
                    <bpmn:sequenceFlow id="flow_to_call" sourceRef="start_call_back" targetRef="user_call_back"/>
                    <bpmn:userTask id="user_call_back" name="Call the customer back" camunda:candidateGroups="billing"
                                   camunda:formRef="it-call-back" camunda:formRefBinding="deployment"/>
                    <bpmn:sequenceFlow id="flow_to_end" sourceRef="user_call_back" targetRef="end_called_back"/>
                    <bpmn:endEvent id="end_called_back"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;
        String form = """
                { "id": "it-call-back", "type": "default", "schemaVersion": 16, "components": [
                  { "type": "text", "id": "text_call", "text": "## Call the customer back\\nSay whether you reached them." },
                  { "type": "radio", "id": "field_outcome", "key": "outcome", "label": "Outcome",
                    "validate": { "required": true },
                    "values": [ { "label": "Reached", "value": "REACHED" }, { "label": "No answer", "value": "NO_ANSWER" } ] },
                  { "type": "number", "id": "field_minutes", "key": "minutes", "label": "Minutes on the phone",
                    "decimalDigits": 0, "validate": { "min": 0, "max": 240 } } ] }
                """;
        String boundary = "omnicase" + UUID.randomUUID().toString().replace("-", "");
        String body = part(boundary, "deployment-name", null, "it-call-back")
                + part(boundary, "it-call-back.bpmn", "it-call-back.bpmn", bpmn)
                + part(boundary, "it-call-back.form", "it-call-back.form", form) + "--" + boundary + "--\r\n";
        Api.Response deployed = admin().post("/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary, body);
        assertThat(deployed.status()).as(deployed.toString()).isEqualTo(200);
        String definition = deployed.json().get("deployedProcessDefinitions").fieldNames().next();
        Api.Response started = admin().postJson("/engine-rest/process-definition/" + definition + "/start",
                Map.of("businessKey", String.valueOf(caseId)));
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        return started.json().get("id").asText();
    }

    private static String part(String boundary, String name, String filename, String content) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"\r\nContent-Type: application/octet-stream")
                + "\r\n\r\n" + content + "\r\n";
    }

    /** Collects the page's Content-Security-Policy violations from now on (the form is drawn after this). */
    private static void recordPolicyViolations(WebDriver page) {
        ((JavascriptExecutor) page).executeScript("window.__violations = [];"
                + "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
                + "e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '')));");
    }

    @SuppressWarnings("unchecked")
    private static List<String> policyViolations(WebDriver page) {
        return (List<String>) ((JavascriptExecutor) page).executeScript("return window.__violations || ['not recorded'];");
    }

    private String status(long caseId) {
        return supervisor().get("/api/cases/" + caseId).json().get("status").asText();
    }

    private Api agent() {
        return Api.as(port, "agent");
    }

    private Api supervisor() {
        return Api.as(port, "supervisor");
    }

    private Api admin() {
        return Api.as(port, "admin");
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
