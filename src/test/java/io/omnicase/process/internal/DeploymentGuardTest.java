package io.omnicase.process.internal;

import io.omnicase.process.DeploymentPolicy;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every deployment passes the guard: the attacks a designer deployed are refused with the element named, and leave no
 * process definition behind; the same models deploy on an engine without the guard (so the guard is what refuses
 * them), and the product's own model and form pass.
 */
class DeploymentGuardTest {

    private static ProcessEngine guarded;
    private static ProcessEngine unguarded;

    @BeforeAll
    static void engines() {
        guarded = engine("guardTestGuarded", true);
        unguarded = engine("guardTestUnguarded", false);
    }

    @AfterAll
    static void close() {
        guarded.close();
        unguarded.close();
    }

    record Attack(String name, String key, String bpmn, String elementId) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Attack> attacks() {
        return Stream.of(
                new Attack("a script task", "evil-script", flow("evil-script",
                        "<bpmn:scriptTask id=\"script_read_secret\" scriptFormat=\"groovy\"><bpmn:script>System.getenv()</bpmn:script></bpmn:scriptTask>",
                        "script_read_secret"), "script_read_secret"),
                new Attack("camunda:class", "evil-class", flow("evil-class",
                        "<bpmn:serviceTask id=\"task_with_class\" camunda:class=\"java.lang.ProcessBuilder\"/>", "task_with_class"),
                        "task_with_class"),
                new Attack("environment.getProperty in a condition", "evil-environment", conditional("evil-environment",
                        "flow_read_secret", "${environment.getProperty('omnicase.channels.whatsapp.app-secret') != null}"),
                        "flow_read_secret"),
                new Attack("environment.getProperty in a service task expression", "evil-environment-task", flow("evil-environment-task",
                        "<bpmn:serviceTask id=\"task_read_secret\" camunda:expression=\"${environment.getProperty('omnicase.channels.whatsapp.app-secret')}\" camunda:resultVariable=\"secret\"/>",
                        "task_read_secret"), "task_read_secret"),
                new Attack("jdbcClient.sql", "evil-sql", conditional("evil-sql", "flow_run_sql",
                        "${jdbcClient.sql(\"UPDATE users SET roles = 'ADMIN' WHERE username = 'tech'\").update() == 1}"),
                        "flow_run_sql"),
                new Attack("reflection to Runtime", "evil-runtime", flow("evil-runtime",
                        "<bpmn:manualTask id=\"task_reach_runtime\"><bpmn:extensionElements><camunda:inputOutput>"
                                + "<camunda:inputParameter name=\"rt\">${\"\".getClass().forName(\"java.lang.Runtime\")}</camunda:inputParameter>"
                                + "</camunda:inputOutput></bpmn:extensionElements></bpmn:manualTask>", "task_reach_runtime"),
                        "task_reach_runtime"),
                new Attack("a past timer start with an expression", "evil-timer", """
                        <bpmn:process id="evil-timer" isExecutable="true" camunda:historyTimeToLive="P1D">
                          <bpmn:startEvent id="start_on_past_timer"><bpmn:outgoing>f1</bpmn:outgoing>
                            <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">2001-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition>
                          </bpmn:startEvent>
                          <bpmn:sequenceFlow id="f1" sourceRef="start_on_past_timer" targetRef="task_wait"/>
                          <bpmn:intermediateCatchEvent id="task_wait"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
                            <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${execution.processEngineServices.runtimeService == null ? 'PT1S' : 'PT2S'}</bpmn:timeDuration></bpmn:timerEventDefinition>
                          </bpmn:intermediateCatchEvent>
                          <bpmn:sequenceFlow id="f2" sourceRef="task_wait" targetRef="end"/>
                          <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                        </bpmn:process>""", "start_on_past_timer"),
                new Attack("an unknown delegate", "evil-delegate", flow("evil-delegate",
                        "<bpmn:serviceTask id=\"task_other_bean\" camunda:delegateExpression=\"${dataSource}\"/>", "task_other_bean"),
                        "task_other_bean"),
                new Attack("an allowlisted bean's class", "evil-bean-class", flow("evil-bean-class",
                        "<bpmn:serviceTask id=\"task_bean_class\" camunda:delegateExpression=\"${assessCase.getClass()}\"/>", "task_bean_class"),
                        "task_bean_class"),
                new Attack("a task listener with an expression", "evil-listener", flow("evil-listener",
                        "<bpmn:userTask id=\"user_listened\"><bpmn:extensionElements><camunda:taskListener event=\"create\" expression=\"${task.execution.processEngine}\"/></bpmn:extensionElements></bpmn:userTask>",
                        "user_listened"), "user_listened"),
                new Attack("an expression in a task name", "evil-name", flow("evil-name",
                        "<bpmn:userTask id=\"user_named\" name=\"${environment.getProperty('spring.datasource.password')}\"/>", "user_named"),
                        "user_named"),
                new Attack("a connector", "evil-connector", flow("evil-connector",
                        "<bpmn:serviceTask id=\"task_http\" camunda:delegateExpression=\"${assessCase}\"><bpmn:extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements></bpmn:serviceTask>",
                        "task_http"), "task_http"),
                new Attack("a script execution listener", "evil-exec-listener", flow("evil-exec-listener",
                        "<bpmn:manualTask id=\"task_scripted\"><bpmn:extensionElements><camunda:executionListener event=\"start\"><camunda:script scriptFormat=\"javascript\">1</camunda:script></camunda:executionListener></bpmn:extensionElements></bpmn:manualTask>",
                        "task_scripted"), "task_scripted"),
                new Attack("a script condition", "evil-script-condition", """
                        <bpmn:process id="evil-script-condition" isExecutable="true" camunda:historyTimeToLive="P1D">
                          <bpmn:startEvent id="start"><bpmn:outgoing>flow_scripted</bpmn:outgoing></bpmn:startEvent>
                          <bpmn:sequenceFlow id="flow_scripted" sourceRef="start" targetRef="end">
                            <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="groovy">true</bpmn:conditionExpression>
                          </bpmn:sequenceFlow>
                          <bpmn:endEvent id="end"><bpmn:incoming>flow_scripted</bpmn:incoming></bpmn:endEvent>
                        </bpmn:process>""", "flow_scripted"),
                new Attack("a task for a named user", "evil-assignee", flow("evil-assignee",
                        "<bpmn:userTask id=\"user_for_designer\" camunda:candidateGroups=\"${queue}\" camunda:assignee=\"designer\"/>",
                        "user_for_designer"), "user_for_designer"),
                new Attack("candidate users", "evil-candidate-users", flow("evil-candidate-users",
                        "<bpmn:userTask id=\"user_for_anyone\" camunda:candidateUsers=\"designer,auditor\"/>",
                        "user_for_anyone"), "user_for_anyone"),
                new Attack("a role as a candidate group", "evil-role-group", flow("evil-role-group",
                        "<bpmn:userTask id=\"user_for_a_role\" camunda:candidateGroups=\"billing, Designer\"/>",
                        "user_for_a_role"), "user_for_a_role"),
                new Attack("a role by a string expression with a space", "evil-role-expression", flow("evil-role-expression",
                        "<bpmn:userTask id=\"user_for_a_role_by_expression\" camunda:candidateGroups=\"${'designer '}\"/>",
                        "user_for_a_role_by_expression"), "user_for_a_role_by_expression"),
                new Attack("a timer cycle without pause", "evil-cycle", """
                        <bpmn:process id="evil-cycle" isExecutable="true" camunda:historyTimeToLive="P1D">
                          <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="user_wait"/>
                          <bpmn:userTask id="user_wait" camunda:candidateGroups="${queue}"><bpmn:incoming>f1</bpmn:incoming></bpmn:userTask>
                          <bpmn:boundaryEvent id="timer_storm" attachedToRef="user_wait" cancelActivity="false">
                            <bpmn:outgoing>f2</bpmn:outgoing>
                            <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/PT0S</bpmn:timeCycle></bpmn:timerEventDefinition>
                          </bpmn:boundaryEvent>
                          <bpmn:sequenceFlow id="f2" sourceRef="timer_storm" targetRef="end"/>
                          <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                        </bpmn:process>""", "timer_storm"),
                new Attack("a timer cycle from a variable a form could set", "evil-variable-cycle", """
                        <bpmn:process id="evil-variable-cycle" isExecutable="true" camunda:historyTimeToLive="P1D">
                          <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="user_wait"/>
                          <bpmn:userTask id="user_wait" camunda:candidateGroups="${queue}"><bpmn:incoming>f1</bpmn:incoming></bpmn:userTask>
                          <bpmn:boundaryEvent id="timer_from_form" attachedToRef="user_wait" cancelActivity="false">
                            <bpmn:outgoing>f2</bpmn:outgoing>
                            <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${followUpEvery}</bpmn:timeCycle></bpmn:timerEventDefinition>
                          </bpmn:boundaryEvent>
                          <bpmn:sequenceFlow id="f2" sourceRef="timer_from_form" targetRef="end"/>
                          <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                        </bpmn:process>""", "timer_from_form"),
                new Attack("the old activiti namespace", "evil-activiti", flow("evil-activiti",
                        "<bpmn:serviceTask id=\"task_activiti\" xmlns:activiti=\"http://activiti.org/bpmn\" activiti:class=\"java.lang.ProcessBuilder\"/>",
                        "task_activiti"), "task_activiti"));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("attacks")
    void refusesTheAttackNamingTheElementAndDeploysNothing(Attack attack) {
        // The model is a deployment Camunda itself accepts: without the guard it would be deployed.
        unguarded.getRepositoryService().createDeployment().addString(attack.key() + ".bpmn", definitions(attack.bpmn())).deploy();
        assertThat(unguarded.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(attack.key()).count()).isEqualTo(1);

        assertThatThrownBy(() -> guarded.getRepositoryService().createDeployment().name(attack.key())
                .addString(attack.key() + ".bpmn", definitions(attack.bpmn())).deploy())
                .isInstanceOf(RefusedDeploymentException.class)
                .hasMessageContaining("element " + attack.elementId() + ":");

        assertThat(guarded.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(attack.key()).count()).isZero();
        assertThat(guarded.getRepositoryService().createDeploymentQuery().deploymentName(attack.key()).count()).isZero();
        assertThat(guarded.getManagementService().createJobQuery().count()).isZero();
    }

    @Test
    void theProductsOwnCaseProcessAndFormPass() throws IOException {
        byte[] bpmn = resource("processes/customer-case.bpmn");
        byte[] form = resource("ui-forms/resolve-case.form");

        assertThat(DeploymentPolicy.refusals("customer-case.bpmn", bpmn)).isEmpty();
        guarded.getRepositoryService().createDeployment().addInputStream("customer-case.bpmn", new java.io.ByteArrayInputStream(bpmn))
                .addInputStream("resolve-case.form", new java.io.ByteArrayInputStream(form)).deploy();
        assertThat(guarded.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("customer-case").count()).isEqualTo(1);
    }

    /**
     * What the policy cannot see (a variable naming a role, set by the model itself) is taken off the task when it is
     * created: it is offered to its queue only, and the role is granted nothing.
     */
    @Test
    void aTaskIsOfferedToQueuesOnlyWhateverTheModelsVariablesSay() {
        String model = flow("roles-by-variable", """
                <bpmn:userTask id="user_review" camunda:candidateGroups="${queue}">
                  <bpmn:extensionElements><camunda:inputOutput>
                    <camunda:inputParameter name="queue">billing,Designer,camunda-admin,agent </camunda:inputParameter>
                  </camunda:inputOutput></bpmn:extensionElements>
                </bpmn:userTask>""", "user_review");
        assertThat(DeploymentPolicy.refusals("roles-by-variable.bpmn", definitions(model).getBytes(StandardCharsets.UTF_8)))
                .as("the policy sees only the routed queue's variable").isEmpty();
        guarded.getRepositoryService().createDeployment().addString("roles-by-variable.bpmn", definitions(model)).deploy();

        guarded.getRuntimeService().startProcessInstanceByKey("roles-by-variable");

        org.camunda.bpm.engine.task.Task task = guarded.getTaskService().createTaskQuery()
                .processDefinitionKey("roles-by-variable").singleResult();
        assertThat(guarded.getTaskService().getIdentityLinksForTask(task.getId()))
                .extracting(org.camunda.bpm.engine.task.IdentityLink::getGroupId).containsExactly("billing");
        assertThat(guarded.getAuthorizationService().createAuthorizationQuery().resourceId(task.getId()).list())
                .extracting(org.camunda.bpm.engine.authorization.Authorization::getGroupId).containsOnly("billing");
    }

    @Test
    void refusesResourcesOtherThanModelsAndForms() {
        String dmn = """
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="x">
                  <decision id="evil_decision" name="d"><literalExpression><text>${environment}</text></literalExpression></decision>
                </definitions>""";
        assertThatThrownBy(() -> guarded.getRepositoryService().createDeployment().name("evil-dmn")
                .addString("evil.dmn", dmn).addString("run.groovy", "'touch /tmp/x'.execute()").deploy())
                .isInstanceOf(RefusedDeploymentException.class)
                .hasMessageContaining("evil.dmn").hasMessageContaining("run.groovy");
        assertThat(guarded.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey("evil_decision").count()).isZero();
    }

    @Test
    void refusesADocumentTypeDeclaration() {
        String withEntity = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + definitions(flow("evil-entity", "<bpmn:manualTask id=\"task_entity\" name=\"&x;\"/>", "task_entity"))
                .replaceFirst("<\\?xml[^>]*>", "");
        assertThat(DeploymentPolicy.refusals("evil-entity.bpmn", withEntity.getBytes(StandardCharsets.UTF_8)))
                .singleElement().asString().contains("without DOCTYPE");
    }

    @Test
    void acceptsTheSmallGrammarAndRefusesWhatLiesBeyondIt() {
        assertThat(problems("${selfService}")).isEmpty();
        assertThat(problems("${!selfService}")).isEmpty();
        assertThat(problems("${assistantOutcome == 'CONFIRMED' && (priority >= 50 or not vip)}")).isEmpty();
        assertThat(problems("${priority > 10.5}")).isEmpty();

        assertThat(problems("${queue.length() > 3}")).singleElement().asString().contains("method calls");
        assertThat(problems("${a[0] == 1}")).isNotEmpty();
        assertThat(problems("${currentUser() == 'x'}")).isNotEmpty();
        assertThat(problems("${execution == null}")).isNotEmpty();
        assertThat(problems("${a + 1 == 2}")).isNotEmpty();
        assertThat(problems("${a} ${b}")).isNotEmpty();
        assertThat(problems("#{a}")).isNotEmpty();
        assertThat(problems("${a ? b : c}")).isNotEmpty();
    }

    private static List<String> problems(String condition) {
        return DeploymentPolicy.refusals("grammar.bpmn",
                definitions(conditional("grammar", "flow_checked", condition)).getBytes(StandardCharsets.UTF_8));
    }

    private static String flow(String key, String element, String elementId) {
        return """
                <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                  <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="%s"/>
                  %s
                  <bpmn:sequenceFlow id="f2" sourceRef="%s" targetRef="end"/>
                  <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                </bpmn:process>""".formatted(key, elementId, element, elementId);
    }

    private static String conditional(String key, String flowId, String condition) {
        return """
                <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                  <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="xor"/>
                  <bpmn:exclusiveGateway id="xor" default="f_default"/>
                  <bpmn:sequenceFlow id="%s" sourceRef="xor" targetRef="end">
                    <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"><![CDATA[%s]]></bpmn:conditionExpression>
                  </bpmn:sequenceFlow>
                  <bpmn:sequenceFlow id="f_default" sourceRef="xor" targetRef="end"/>
                  <bpmn:endEvent id="end"/>
                </bpmn:process>""".formatted(key, flowId, condition);
    }

    static String definitions(String process) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                                  id="definitions" targetNamespace="https://omnicase.io/test">
                %s
                </bpmn:definitions>""".formatted(process).strip();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DeploymentGuardTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static ProcessEngine engine(String name, boolean withGuard) {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate("create-drop");
        configuration.setJobExecutorActivate(false);
        configuration.setJavaSerializationFormatEnabled(false);
        if (withGuard) {
            configuration.setCustomPreDeployers(List.of(new DeploymentGuard()));
            configuration.setAuthorizationEnabled(true);
            configuration.setResourceAuthorizationProvider(new QueueTaskAuthorizations());
            // No assignee in these models: who works which queue is never asked.
            configuration.setCustomPreBPMNParseListeners(List.of(new TaskPeople(() -> {
                throw new IllegalStateException("no assignee expected");
            }).onEveryUserTask()));
        }
        return configuration.buildProcessEngine();
    }
}
