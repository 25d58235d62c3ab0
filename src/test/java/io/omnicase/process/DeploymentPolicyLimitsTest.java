package io.omnicase.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the deployment policy bounds: how often a timer cycle fires (once a minute at most), how deep a model and a
 * condition nest.
 */
class DeploymentPolicyLimitsTest {

    @Test
    void theShortestPeriodOfACycleInSeconds() {
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R/PT0S")).isZero();
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R5/PT59S")).isEqualTo(59);
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R3/PT10M")).isEqualTo(600);
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R/2026-01-01T00:00:00Z/P1D")).isEqualTo(86_400);
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R2/P1DT0.5S")).isEqualTo(86_400);
        // A start and an end: the period is the time between them.
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R/2026-01-01T00:00:00Z/2026-01-01T00:00:01Z")).isEqualTo(1);
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R/2026-12-04T10:00:00Z/2026-12-04T10:00:00.001Z")).isZero();
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R/2026-01-01T00:00:00Z/2026-01-01T01:00:00Z")).isEqualTo(3_600);
    }

    @Test
    void aModelNestedThousandsDeepIsRefusedInWordsNotWithAStackOverflow() {
        StringBuilder bpmn = new StringBuilder("<?xml version=\"1.0\"?><bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
                + "id=\"d\" targetNamespace=\"t\"><bpmn:process id=\"deep\" isExecutable=\"true\">");
        bpmn.append("<bpmn:subProcess>".repeat(20_000)).append("</bpmn:subProcess>".repeat(20_000)).append("</bpmn:process></bpmn:definitions>");
        assertThat(DeploymentPolicy.refusals("deep.bpmn", bpmn.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .extracting(Object::toString).anyMatch(problem -> problem.contains("nests elements more than 100 levels deep"));
    }

    /** Probe 46: 5,000 "(" or "!" in a condition overflowed the grammar's recursion, and the designer got a 500. */
    @Test
    void aConditionNestedThousandsDeepIsRefusedInWordsNotWithAStackOverflow() {
        for (String deep : new String[]{"(".repeat(5_000) + "selfService" + ")".repeat(5_000), "!".repeat(5_000) + "selfService",
                "not ".repeat(5_000) + "selfService"}) {
            assertThat(DeploymentPolicy.Grammar.problemWith(deep)).as(deep.substring(0, 10))
                    .isEqualTo("it nests parentheses and negations more than 32 deep");
        }
        assertThat(DeploymentPolicy.Grammar.problemWith("(".repeat(32) + "selfService" + ")".repeat(32))).isNull();
        assertThat(DeploymentPolicy.Grammar.problemWith("!".repeat(32) + "selfService")).isNull();
        assertThat(DeploymentPolicy.Grammar.problemWith("!(!(a == 1) && (b != 'x' || !c))")).isNull();
    }

    @Test
    void aFormHoldsOnlyWhatTheDeskShowsAndTheServerChecks() {
        String form = """
                {"type":"default","id":"resolve-case","components":[
                  {"type":"textarea","key":"resolution","id":"f_resolution","label":"Resolution"},
                  {"type":"group","id":"g","components":[{"type":"filepicker","key":"screenshot","id":"f_file","label":"Screenshot"}]},
                  {"type":"iframe","id":"f_frame","url":"https://example.com/kb"},
                  {"type":"image","id":"f_logo","source":"https://example.com/logo.png"},
                  {"type":"image","id":"f_inline","source":"data:image/png;base64,iVBORw0KGgo="}]}""";
        assertThat(DeploymentPolicy.refusals("resolve-case.form", form.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .hasSize(3)
                .anyMatch(p -> p.contains("f_file") && p.contains("takes no files"))
                .anyMatch(p -> p.contains("f_frame") && p.contains("'iframe' is not shown on the agent desk"))
                .anyMatch(p -> p.contains("f_logo") && p.contains("embedded"));
    }

    /** A field named like the process's own variables would overwrite them when an agent completes the form. */
    @Test
    void aFormFieldNeverSetsTheCaseProcesssOwnVariables() {
        String form = """
                {"type":"default","id":"resolve-case","components":[
                  {"type":"textarea","key":"resolution","id":"f_resolution","label":"Resolution"},
                  {"type":"select","key":"topic","id":"f_topic","label":"Topic","values":[{"label":"Other","value":"OTHER"}]},
                  {"type":"number","key":"lastCustomerMessage","id":"f_deaf","label":"Deaf"},
                  {"type":"textfield","key":"queue.name","id":"f_queue","label":"Queue"},
                  {"type":"textfield","key":"closeCase","id":"f_bean","label":"Bean"},
                  {"type":"group","id":"g","path":"autoCloseAfter","components":[{"type":"textfield","key":"x","id":"f_x","label":"X"}]},
                  {"type":"dynamiclist","id":"dl","path":"resolvedBy","components":[{"type":"textfield","key":"v","id":"f_v","label":"V"}]}]}""";
        assertThat(DeploymentPolicy.refusals("resolve-case.form", form.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .hasSize(5)
                .anyMatch(p -> p.contains("dl") && p.contains("'resolvedBy'"))
                .anyMatch(p -> p.contains("f_deaf") && p.contains("'lastCustomerMessage' is the case process's own"))
                .anyMatch(p -> p.contains("f_queue") && p.contains("'queue'"))
                .anyMatch(p -> p.contains("f_bean") && p.contains("'closeCase'"))
                .anyMatch(p -> p.contains("'autoCloseAfter'"));
    }

    /**
     * An output mapping writes the process's variables, an input mapping shadows them inside its activity: neither may
     * name who resolved, a timer's period or the message taken (probe 42: an output resolvedBy named anyone as the
     * resolver, and a PT0S period looped a timer). An activity's own queue stays allowed (the Escalate template's).
     */
    @Test
    void aMappingNeverSetsTheCaseProcesssOwnVariables() {
        for (String mapping : new String[]{"<camunda:outputParameter name=\"resolvedBy\">admin</camunda:outputParameter>",
                "<camunda:outputParameter name=\"autoCloseAfter\">PT0S</camunda:outputParameter>",
                "<camunda:inputParameter name=\"slaDuration\">PT0S</camunda:inputParameter>",
                "<camunda:inputParameter name=\" resolvedBy \">admin</camunda:inputParameter>",
                "<camunda:outputParameter name=\"queue\">billing</camunda:outputParameter>",
                "<camunda:outputParameter name=\"lastCustomerMessage\">0</camunda:outputParameter>",
                "<camunda:inputParameter name=\"execution\">x</camunda:inputParameter>",
                "<camunda:outputParameter name=\"closeCase\">x</camunda:outputParameter>"}) {
            assertThat(DeploymentPolicy.refusals("mapped.bpmn", mapped(mapping).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .as(mapping).anyMatch(problem -> problem.contains("user_mapped") && problem.contains("the case process's own"));
        }
        for (String mapping : new String[]{"<camunda:inputParameter name=\"queue\">billing</camunda:inputParameter>",
                "<camunda:outputParameter name=\"topic\">BILLING</camunda:outputParameter>"}) {
            assertThat(DeploymentPolicy.refusals("mapped.bpmn", mapped(mapping).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .as(mapping).isEmpty();
        }
    }

    private static String mapped(String mapping) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    id="d" targetNamespace="t">
                  <bpmn:process id="mapped" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="user_mapped"/>
                    <bpmn:userTask id="user_mapped" camunda:candidateGroups="${queue}"><bpmn:extensionElements><camunda:inputOutput>
                      %s
                    </camunda:inputOutput></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
                    <bpmn:sequenceFlow id="f2" sourceRef="user_mapped" targetRef="end"/>
                    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                  </bpmn:process>
                </bpmn:definitions>""".formatted(mapping).strip();
    }

    @Test
    void aTimerWaitsAtLeastAMinuteAndNeverForAFixedDate() {
        for (String timer : new String[]{"<bpmn:timeDuration>PT0S</bpmn:timeDuration>", "<bpmn:timeDuration>PT30S</bpmn:timeDuration>",
                "<bpmn:timeDate>2001-01-01T00:00:00Z</bpmn:timeDate>",
                "<bpmn:timeCycle>R/2026-01-01T00:00:00Z/2026-01-01T00:00:01Z</bpmn:timeCycle>"}) {
            assertThat(DeploymentPolicy.refusals("loop.bpmn", loop(timer).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .as(timer).anyMatch(problem -> problem.contains("timer_back"));
        }
        assertThat(DeploymentPolicy.refusals("loop.bpmn", loop("<bpmn:timeDuration>PT4H</bpmn:timeDuration>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))).noneMatch(problem -> problem.contains("timer_back"));
    }

    /** A user task with a non-interrupting timer whose flow leads back into the task. */
    private static String loop(String timer) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    id="d" targetNamespace="t">
                  <bpmn:process id="loop" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="user_wait"/>
                    <bpmn:userTask id="user_wait" camunda:candidateGroups="${queue}"><bpmn:incoming>f1</bpmn:incoming><bpmn:incoming>f2</bpmn:incoming></bpmn:userTask>
                    <bpmn:boundaryEvent id="timer_back" attachedToRef="user_wait" cancelActivity="false"><bpmn:outgoing>f2</bpmn:outgoing>
                      <bpmn:timerEventDefinition>%s</bpmn:timerEventDefinition></bpmn:boundaryEvent>
                    <bpmn:sequenceFlow id="f2" sourceRef="timer_back" targetRef="user_wait"/>
                  </bpmn:process>
                </bpmn:definitions>""".formatted(timer).strip();
    }
}
