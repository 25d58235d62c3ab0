package io.omnicase.designer;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.support.Accessibility;
import io.omnicase.support.Api;
import io.omnicase.support.Browser;
import io.omnicase.support.QueueCases;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process designer page (/designer.html) in Chromium, as each role meets it: a designer sees only the elements
 * Omnicase runs in the palette and menus, a model with a script task and an unknown delegate is marked while drawing
 * and refused by the server on its element with nothing deployed; a changed model is deployed with a reason, compared
 * with the version before (coloured on the diagrams), the running cases are moved to it, and the earlier version is
 * rolled back; the process's forms open in the form editor; an auditor reads versions and diffs with nothing to press; the page fits 360 px. Under the page's
 * Content-Security-Policy without a violation, and axe finds nothing serious. Screenshots in target/screenshots.
 */
@RunningOmnicase
class DesignerPageIT {

    private static final String VERSIONS = "/api/designer/processes/customer-case/versions";
    /** Collects the page's CSP violations; injected by DevTools, so the page's own policy does not apply to it. */
    private static final String RECORD_VIOLATIONS = "window.__violations = [];"
            + "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
            + "e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));";

    @LocalServerPort
    int port;

    @Test
    void aDesignerSeesOnlySupportedElementsAndAModelWithAScriptTaskIsMarkedAndRefusedWithNothingDeployed() {
        Api designer = Api.as(port, "designer");
        int versionsBefore = designer.get(VERSIONS).json().size();
        try (Browser browser = Browser.open()) {
            WebDriver page = open(browser, "designer");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));
            assertThat(page.findElement(By.id("current-version")).getText()).contains("customer-case");

            // The palette: tools, events, gateways, tasks; no sub-process, data object, group or throw event.
            List<String> palette = attributes(page.findElements(By.cssSelector(".djs-palette .entry")), "data-action");
            assertThat(palette).contains("create.start-event", "create.end-event", "create.exclusive-gateway",
                    "create.user-task", "create.service-task", "create.timer-catch-event");
            assertThat(palette).doesNotContain("create.subprocess-expanded", "create.data-object", "create.data-store",
                    "create.group", "create.intermediate-event");
            browser.screenshot("designer-0-modeler");
            // The whole process is in view, clear of the palette that floats over the diagram's left side.
            org.openqa.selenium.Rectangle tools = page.findElement(By.cssSelector(".djs-palette")).getRect();
            org.openqa.selenium.Rectangle start = element(page, "start_case").getRect();
            assertThat(start.getX()).as("the start event's left edge, right of the palette's").isGreaterThan(tools.getX() + tools.getWidth());

            // A task may become a user, service or manual task; never a script task, a call activity or a sub-process.
            new Actions(page).moveToElement(element(page, "task_escalate_case")).click().perform();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".djs-context-pad .entry[data-action=replace]"))).click();
            wait.until(d -> !d.findElements(By.cssSelector(".djs-popup .entry")).isEmpty());
            List<String> replace = attributes(page.findElements(By.cssSelector(".djs-popup .entry")), "data-id");
            assertThat(replace).contains("replace-with-user-task")
                    .doesNotContain("replace-with-script-task", "replace-with-call-activity", "replace-with-collapsed-subprocess");
            // The properties panel shows the selected service task's template (Omnicase's delegates come from templates).
            assertThat(page.findElement(By.id("properties")).getText()).contains("Template");
            new Actions(page).sendKeys(Keys.ESCAPE).perform();

            // A model from disk with a script task and a delegate no template offers: the linter names both at once.
            page.findElement(By.id("open-file")).sendKeys(file("script-task.bpmn", SCRIPT_MODEL).toString());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lint-issues"), "“Run a script”: script tasks are not allowed"));
            assertThat(page.findElement(By.id("lint-issues")).getText()).contains("“Call a bean”: unknown delegate ${jdbcTemplate}");

            // Deploy asks for a reason first, then whether to deploy what the linter found problems in (no: nothing is
            // sent); told yes, the server refuses, naming the element, which is marked.
            page.findElement(By.id("deploy")).click();
            wait.until(ExpectedConditions.textToBe(By.id("deploy-reason-missing"), "Say why you deploy."));
            assertThat(page.findElement(By.id("deploy-reason")).getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(page.switchTo().activeElement().getDomAttribute("id")).isEqualTo("deploy-reason");
            page.findElement(By.id("deploy-reason")).sendKeys("Try a script");
            // The page's question, answered here as a person would (the browser's own dialog is not scriptable reliably).
            org.openqa.selenium.JavascriptExecutor script = (org.openqa.selenium.JavascriptExecutor) page;
            script.executeScript("window.asked = []; window.answer = false;"
                    + " window.confirm = question => { window.asked.push(question); return window.answer; };");
            page.findElement(By.id("deploy")).click();
            wait.until(ExpectedConditions.textMatches(By.id("status"), Pattern.compile("Not deployed: the diagram has \\d+ problems?, listed under it")));
            assertThat(String.valueOf(script.executeScript("return window.asked.join('|')")))
                    .contains("script tasks are not allowed").endsWith("Deploy it anyway?");
            assertThat(designer.get(VERSIONS).json().size()).as("nothing sent").isEqualTo(versionsBefore);
            script.executeScript("window.answer = true;");
            page.findElement(By.id("deploy")).click();
            wait.until(ExpectedConditions.textMatches(By.id("status"), Pattern.compile("Not deployed: \\d+ problems?$")));
            assertThat(page.findElement(By.id("problems")).getText()).contains("Task_Script");
            assertThat(page.findElements(By.cssSelector(".djs-element.omnicase-problem[data-element-id=Task_Script]"))).hasSize(1);
            browser.screenshot("designer-1-refused-on-its-element");
            assertThat(designer.get(VERSIONS).json().size()).as("nothing deployed").isEqualTo(versionsBefore);

            assertThat(violations(page)).isEmpty();
            assertThat(Accessibility.check(page, null)).filteredOn(v -> Accessibility.BLOCKING.contains(v.impact())).isEmpty();
        }
    }

    @Test
    void aDesignerDeploysAChangeWithAReasonReadsTheDiffMovesRunningCasesAndRollsBack() {
        Api designer = Api.as(port, "designer");
        JsonNode newest = designer.get(VERSIONS).json().get(0);
        int before = newest.get("version").asInt();
        String xml = designer.get(VERSIONS + "/" + before).json().get("bpmnXml").asText();
        // A case that waits for a person on the version before the change, to be moved to the new one.
        QueueCases.escalatedIn(port, "general");
        // The change: the person's task gets another name (what the process does stays the same).
        String renamed = xml.replaceFirst("(<bpmn:userTask id=\"user_handle_case\" name=\")[^\"]*\"", "$1Work on the case\"");
        assertThat(renamed).isNotEqualTo(xml);
        try (Browser browser = Browser.open()) {
            WebDriver page = open(browser, "designer");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(60));
            page.findElement(By.id("open-file")).sendKeys(file("renamed.bpmn", renamed).toString());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "renamed.bpmn opened"));
            page.findElement(By.id("deploy-reason")).sendKeys("Agents call it work, not handling");
            page.findElement(By.id("deploy")).click();
            wait.until(ExpectedConditions.textMatches(By.id("status"), Pattern.compile("v\\d+ deployed: new cases start on it")));
            int deployed = designer.get(VERSIONS).json().get(0).get("version").asInt();
            assertThat(deployed).isGreaterThan(before);
            assertThat(designer.get(VERSIONS).json().get(0).get("reason").asText()).isEqualTo("Agents call it work, not handling");
            assertThat(page.findElement(By.id("current-version")).getText()).contains("v" + deployed)
                    .contains("Agents call it work, not handling");

            // The versions, and the diff with the version before: the task is changed, and coloured on both diagrams.
            page.findElement(By.id("tab-versions")).click();
            WebElement row = page.findElement(By.cssSelector("#versions tr[data-version='" + deployed + "']"));
            assertThat(row.getText()).contains("Agents call it work, not handling").contains("by Dana Designer");
            row.findElement(By.className("show-diff")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#diff li[data-change=CHANGED]")));
            assertThat(page.findElement(By.id("diff-title")).getText()).isEqualTo("Changes from v" + before + " to v" + deployed);
            assertThat(page.findElement(By.cssSelector("#diff li[data-change=CHANGED][data-element=user_handle_case]")).getText())
                    .contains("Work on the case");
            wait.until(d -> !d.findElements(By.cssSelector("#diff-to .djs-element.diff-changed[data-element-id=user_handle_case]")).isEmpty());
            assertThat(page.findElements(By.cssSelector("#diff-from .djs-element.diff-changed[data-element-id=user_handle_case]"))).hasSize(1);
            scrollTo(page, page.findElement(By.id("diff")));
            browser.screenshot("designer-2-deployed-and-diff");

            // The running cases of the version before move to the new one: preview, run, progress until done.
            page.findElement(By.id("tab-migration")).click();
            new Select(page.findElement(By.id("migrate-from"))).selectByValue(String.valueOf(before));
            new Select(page.findElement(By.id("migrate-to"))).selectByValue(String.valueOf(deployed));
            page.findElement(By.id("migration-preview")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("migration-plan")));
            assertThat(Integer.parseInt(page.findElement(By.id("migration-can")).getText())).isGreaterThanOrEqualTo(1);
            browser.screenshot("designer-3-migration-preview");
            // The page asks, in the page, before every waiting case moves; the person says yes.
            page.findElement(By.id("migration-run")).click();
            String question = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("migration-question"))).getText();
            assertThat(question).startsWith("Move ").contains("to v" + deployed);
            page.findElement(By.id("migration-confirm")).click();
            new WebDriverWait(page, Duration.ofSeconds(180))
                    .until(ExpectedConditions.textMatches(By.id("migration-status"), Pattern.compile("Done: \\d+ cases? migrated.*")));
            assertThat(page.findElement(By.id("migration-count")).getText()).matches("\\d+ migrated, \\d+ failed of \\d+");
            browser.screenshot("designer-4-migrated");
            JsonNode after = designer.get(VERSIONS).json();
            assertThat(after.get(0).get("runningCases").asInt()).as("cases now run on v" + deployed).isGreaterThanOrEqualTo(1);

            // Roll back: the version before is deployed again as the newest, with the reason.
            page.findElement(By.id("tab-versions")).click();
            page.findElement(By.cssSelector("#versions tr[data-version='" + before + "'] .rollback")).click();
            page.findElement(By.id("rollback-reason")).sendKeys("The old name is in the training material");
            page.findElement(By.id("rollback-confirm")).click();
            wait.until(ExpectedConditions.textMatches(By.id("status"), Pattern.compile("v\\d+ deployed: v" + before + " again")));
            JsonNode rolledBack = designer.get(VERSIONS).json().get(0);
            assertThat(rolledBack.get("rollbackOf").asInt()).isEqualTo(before);
            assertThat(rolledBack.get("reason").asText()).isEqualTo("The old name is in the training material");
            assertThat(page.findElement(By.cssSelector("#versions tbody tr")).getText()).contains("rollback to v" + before);
            browser.screenshot("designer-5-rolled-back");
            assertThat(violations(page)).isEmpty();
        }
    }

    @Test
    void aDesignerOpensTheProcessFormsInTheFormEditorWhosePaletteOffersOnlyWhatTheDeskShows() {
        try (Browser browser = Browser.open()) {
            WebDriver page = open(browser, "designer");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(60));
            page.findElement(By.id("tab-forms")).click();
            // The editor is a chunk of its own, loaded on first use: in the production build, once failed to start.
            wait.until(d -> List.of("ready", "failed").contains(
                    d.findElement(By.id("form-editor")).getDomAttribute("data-state")));
            assertThat(page.findElements(By.cssSelector("#form-editor [role=alert]")))
                    .allSatisfy(alert -> assertThat(alert.getText()).isEmpty());
            assertThat(page.findElement(By.id("form-editor")).getDomAttribute("data-state")).isEqualTo("ready");
            assertThat(page.findElement(By.id("form-editor")).getDomAttribute("data-form")).isEqualTo("resolve-case");
            // The resolve form's fields are drawn on the canvas.
            assertThat(attributes(page.findElements(By.cssSelector("#form-editor .fjs-element[data-id]")), "data-id"))
                    .contains("field_topic", "field_resolution");
            // The palette offers the desk's fields, not the file picker or iFrame the deployment check would refuse.
            List<String> palette = attributes(page.findElements(By.cssSelector("#form-editor .fjs-palette-field")),
                    "data-field-type");
            assertThat(palette).contains("textfield", "textarea", "select").doesNotContain("filepicker", "iframe");

            // A new form starts empty and is selected.
            page.findElement(By.id("form-new")).click();
            page.findElement(By.id("form-new-id")).sendKeys("call-back");
            page.findElement(By.id("form-new-create")).click();
            wait.until(d -> "call-back".equals(d.findElement(By.id("form-editor")).getDomAttribute("data-form"))
                    && "ready".equals(d.findElement(By.id("form-editor")).getDomAttribute("data-state")));
            assertThat(new Select(page.findElement(By.id("form-picker"))).getOptions()).extracting(WebElement::getText)
                    .containsExactly("call-back", "resolve-case");
            browser.screenshot("designer-9-forms");
            assertThat(violations(page)).isEmpty();
        }
    }

    @Test
    void anAuditorReadsEveryVersionAndItsDiffWithNothingToPressAlsoOnA360PixelScreen() {
        Api designer = Api.as(port, "designer");
        JsonNode versions = designer.get(VERSIONS).json();
        if (versions.size() < 2) {
            // A second version, one task renamed, so there is something to compare (the same model again is refused).
            JsonNode newest = designer.get(VERSIONS + "/" + versions.get(0).get("version").asInt()).json();
            Api.Response deployed = designer.postJson("/api/designer/processes/customer-case/deployments",
                    Map.of("bpmnXml", newest.get("bpmnXml").asText().replace("name=\"Resolve case\"", "name=\"Resolve the case\""),
                            "forms", newest.get("forms"),
                            "reason", "a second version to compare"));
            assertThat(deployed.status()).as(deployed.toString()).isEqualTo(201);
        }
        try (Browser browser = Browser.open()) {
            WebDriver page = open(browser, "auditor");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));
            assertThat(page.findElement(By.id("read-only-note")).getText()).contains("changing and deploying the process is for designers");
            assertThat(page.findElements(By.cssSelector("#deploy, #check, #deploy-reason, #open-file, #tab-migration, .djs-palette")))
                    .isEmpty();
            assertThat(page.findElements(By.cssSelector("#model-viewer .djs-element[data-element-id=user_handle_case]"))).hasSize(1);
            page.findElement(By.id("tab-versions")).click();
            assertThat(page.findElements(By.cssSelector(".rollback"))).isEmpty();
            page.findElement(By.cssSelector("#versions tbody tr[data-version] .show-diff")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("diff-title")));
            wait.until(d -> "ready".equals(d.findElement(By.cssSelector("figure#diff-to")).getDomAttribute("data-state")));
            scrollTo(page, page.findElement(By.id("diff")));
            browser.screenshot("designer-6-auditor-diff");
            assertThat(Accessibility.check(page, null)).filteredOn(v -> Accessibility.BLOCKING.contains(v.impact())).isEmpty();

            ((ChromeDriver) page).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 360, "height", 740, "deviceScaleFactor", 2, "mobile", true));
            page.navigate().refresh();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".bpmn-editor[data-state=ready]")));
            JavascriptExecutor js = (JavascriptExecutor) page;
            assertThat(((Number) js.executeScript("return window.innerWidth")).intValue()).isEqualTo(360);
            assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(360);
            browser.screenshot("designer-7-auditor-360px");
            page.findElement(By.id("tab-versions")).click();
            assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(360);
            browser.screenshot("designer-8-auditor-360px-versions");
            assertThat(violations(page)).isEmpty();
        }
    }

    private WebDriver open(Browser browser, String user) {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_VIOLATIONS));
        WebDriver page = browser.signIn(base(), user, "/designer.html");
        new WebDriverWait(page, Duration.ofSeconds(60))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".bpmn-editor[data-state=ready]")));
        return page;
    }

    private static WebElement element(WebDriver page, String id) {
        return page.findElement(By.cssSelector("g.djs-element[data-element-id='" + id + "']"));
    }

    private static List<String> attributes(List<WebElement> elements, String name) {
        return elements.stream().map(e -> e.getDomAttribute(name)).toList();
    }

    private static void scrollTo(WebDriver page, WebElement element) {
        ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
    }

    @SuppressWarnings("unchecked")
    private static List<String> violations(WebDriver page) {
        return (List<String>) ((JavascriptExecutor) page).executeScript("return window.__violations || [];");
    }

    private static Path file(String name, String content) {
        try {
            Path dir = Files.createDirectories(Path.of("target/designer-it").toAbsolutePath());
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static final String SCRIPT_MODEL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
              xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
              xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
              id="d" targetNamespace="http://omnicase.io/test">
              <bpmn:process id="customer-case" isExecutable="true" camunda:historyTimeToLive="P30D">
                <bpmn:startEvent id="start_case"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="start_case" targetRef="Task_Script" />
                <bpmn:scriptTask id="Task_Script" name="Run a script" scriptFormat="javascript">
                  <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
                  <bpmn:script>java.lang.Runtime.getRuntime()</bpmn:script>
                </bpmn:scriptTask>
                <bpmn:sequenceFlow id="f2" sourceRef="Task_Script" targetRef="Task_Unknown" />
                <bpmn:serviceTask id="Task_Unknown" name="Call a bean" camunda:delegateExpression="${jdbcTemplate}">
                  <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
                </bpmn:serviceTask>
                <bpmn:sequenceFlow id="f3" sourceRef="Task_Unknown" targetRef="end" />
                <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
              </bpmn:process>
              <bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="plane" bpmnElement="customer-case">
                <bpmndi:BPMNShape id="s_di" bpmnElement="start_case"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="t_di" bpmnElement="Task_Script"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="u_di" bpmnElement="Task_Unknown"><dc:Bounds x="360" y="78" width="100" height="80" /></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="e_di" bpmnElement="end"><dc:Bounds x="520" y="100" width="36" height="36" /></bpmndi:BPMNShape>
                <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
                <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
                <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="460" y="118" /><di:waypoint x="520" y="118" /></bpmndi:BPMNEdge>
              </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
}
