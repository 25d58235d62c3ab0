package io.omnicase.process;

import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The deployment a designer made (a past timer start, secrets through {@code environment}, SQL through
 * {@code jdbcClient}, reflection to {@code Runtime}) is refused: 403 for a designer, 400 problem details naming the
 * element for an admin; nothing of it exists afterwards. The engine's expressions reach only the case delegates.
 */
@RunningOmnicase
class ProcessDeploymentIT {

    @LocalServerPort
    int port;

    @Autowired
    RepositoryService repository;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;

    private static String attack(String key, Path canary) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                                  id="definitions_attack" targetNamespace="https://attacker.example">
                  <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start_on_past_timer"><bpmn:outgoing>f1</bpmn:outgoing>
                      <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">2001-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition>
                    </bpmn:startEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="start_on_past_timer" targetRef="task_read_secret"/>
                    <bpmn:serviceTask id="task_read_secret" camunda:expression="${environment.getProperty('spring.datasource.password')}" camunda:resultVariable="secret">
                      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
                    </bpmn:serviceTask>
                    <bpmn:sequenceFlow id="f2" sourceRef="task_read_secret" targetRef="task_run_sql"/>
                    <bpmn:serviceTask id="task_run_sql" camunda:expression="${jdbcClient.sql(&quot;UPDATE users SET roles = 'ADMIN' WHERE username = 'tech'&quot;).update()}">
                      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
                    </bpmn:serviceTask>
                    <bpmn:sequenceFlow id="f3" sourceRef="task_run_sql" targetRef="task_reach_runtime"/>
                    <bpmn:serviceTask id="task_reach_runtime" camunda:expression="${&quot;&quot;.getClass().forName(&quot;java.lang.Runtime&quot;).getMethod(&quot;getRuntime&quot;).invoke(null).exec(&quot;touch %2$s&quot;)}">
                      <bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing>
                    </bpmn:serviceTask>
                    <bpmn:sequenceFlow id="f4" sourceRef="task_reach_runtime" targetRef="end"/>
                    <bpmn:endEvent id="end"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
                  </bpmn:process>
                </bpmn:definitions>""".formatted(key, canary).strip();
    }

    private static String harmless(String key) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                                  id="definitions_harmless" targetNamespace="https://omnicase.io/test">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
                    <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
                  </bpmn:process>
                </bpmn:definitions>""".formatted(key).strip();
    }

    @Test
    void aDesignerMayNotDeployThroughEngineRestNorTheWebappsApi() throws Exception {
        String key = "attack-" + UUID.randomUUID().toString().substring(0, 8);
        Path canary = canaryFile(key);

        Api.Response rest = deploy(Api.as(port, "designer"), "/engine-rest/deployment/create", key, attack(key, canary));
        Api.Response webapps = deploy(Api.as(port, "designer"), "/camunda/api/engine/engine/default/deployment/create", key,
                attack(key, canary));

        assertThat(rest.status()).as(rest.toString()).isEqualTo(403);
        assertThat(rest.contentType()).startsWith("application/problem+json");
        assertThat(webapps.status()).as(webapps.toString()).isEqualTo(403);
        assertNothingOfTheAttackExists(key, canary);
    }

    @Test
    void anAdminsDeploymentOfTheAttackIsRefusedNamingEachElement() throws Exception {
        String key = "attack-" + UUID.randomUUID().toString().substring(0, 8);
        Path canary = canaryFile(key);

        Api.Response refused = deploy(Api.as(port, "admin"), "/engine-rest/deployment/create", key, attack(key, canary));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).contains("start_on_past_timer", "task_read_secret",
                "task_run_sql", "task_reach_runtime").doesNotContain("Exception");
        assertNothingOfTheAttackExists(key, canary);
    }

    @Test
    void anAdminsDeploymentThroughTheWebappsApiIsRefusedAlike() throws Exception {
        String key = "attack-" + UUID.randomUUID().toString().substring(0, 8);
        Path canary = canaryFile(key);
        CamundaWebappClient admin = CamundaWebappClient.signedIn(port, "admin");

        String boundary = "----omnicase" + UUID.randomUUID();
        Api.Response refused = admin.post(CamundaWebappClient.ENGINE + "/deployment/create",
                "multipart/form-data; boundary=" + boundary, multipart(boundary, key, attack(key, canary)));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).contains("task_reach_runtime");
        assertNothingOfTheAttackExists(key, canary);
    }

    @Test
    void anAdminDeploysAModelWithinThePolicy() {
        String key = "harmless-" + UUID.randomUUID().toString().substring(0, 8);

        Api.Response deployed = deploy(Api.as(port, "admin"), "/engine-rest/deployment/create", key, harmless(key));

        assertThat(deployed.status()).as(deployed.toString()).isEqualTo(200);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isEqualTo(1);
        repository.deleteDeployment(deployed.json().get("id").asText(), true);
    }

    @Test
    void theEnginesExpressionsReachTheCaseDelegatesAndNoOtherBean() {
        assertThat(evaluate("${assessCase}")).isInstanceOf(JavaDelegate.class);

        for (String expression : new String[]{"${environment}", "${jdbcClient}", "${dataSource}",
                "${processEngineConfiguration}", "${assessCase.class}", "${assessCase.getClass()}",
                "${'x'.getClass().forName('java.lang.Runtime')}"}) {
            assertThatThrownBy(() -> evaluate(expression)).as(expression).isInstanceOf(ProcessEngineException.class);
        }
    }

    private Object evaluate(String expression) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return configuration.getCommandExecutorTxRequired().execute((Command<Object>) context -> configuration
                .getExpressionManager().createExpression(expression).getValue(StartProcessVariableScope.getSharedInstance()));
    }

    private void assertNothingOfTheAttackExists(String key, Path canary) {
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
        assertThat(repository.createDeploymentQuery().deploymentName(key).count()).isZero();
        // Had it been deployed, its past timer would have started it at once: no SQL ran, no command was executed.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(canary)
                && "AGENT".equals(jdbc.sql("SELECT roles FROM users WHERE username = 'tech'").query(String.class).single()));
    }

    private static Path canaryFile(String key) throws Exception {
        Path canary = Path.of("target", "tmp", key + ".canary").toAbsolutePath();
        Files.createDirectories(canary.getParent());
        Files.deleteIfExists(canary);
        return canary;
    }

    private static Api.Response deploy(Api user, String path, String name, String bpmn) {
        String boundary = "----omnicase" + UUID.randomUUID();
        return user.post(path, "multipart/form-data; boundary=" + boundary, multipart(boundary, name, bpmn));
    }

    private static String multipart(String boundary, String name, String bpmn) {
        return "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"data\"; filename=\"" + name + ".bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n"
                + "--" + boundary + "--\r\n";
    }
}
