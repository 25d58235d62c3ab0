import { describe, expect, it } from 'vitest';
import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';
import { Linter } from 'bpmnlint';
import { lintConfig } from './lint';
import shipped from './fixtures/customer-case.bpmn?raw';

const BEANS = ['assessCase', 'enterSelfService', 'answerCustomer', 'escalateCase', 'recordSlaBreach', 'reassessCase',
  'resolveCase', 'reopenCase', 'closeCase'];

async function lint(xml: string) {
  const { rootElement } = await new BpmnModdle({ camunda }).fromXML(xml);
  const issues = await new Linter(lintConfig(BEANS)).lint(rootElement);
  return Object.fromEntries(Object.entries(issues).map(([rule, list]) => [rule, list.map(i => `${i.id}: ${i.message}`)]));
}

/** A small process; `middle` is the XML of the one element between start and end. */
function model(middle: string, extra = '') {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="d" targetNamespace="http://omnicase.io/test">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Task_1" />
    ${middle}
    <bpmn:sequenceFlow id="f2" sourceRef="Task_1" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    ${extra}
  </bpmn:process>
</bpmn:definitions>`;
}

describe('the safe-subset linter', () => {
  it('finds nothing wrong with the process Omnicase ships', async () => {
    expect(await lint(shipped)).toEqual({});
  });

  it('names a script task, on its element', async () => {
    const issues = await lint(model('<bpmn:scriptTask id="Task_1" scriptFormat="javascript"><bpmn:script>1</bpmn:script></bpmn:scriptTask>'));
    expect(issues['omnicase/supported-element']).toEqual(
      ['Task_1: script tasks are not allowed: Omnicase runs no scripts from a model']);
  });

  it('names a delegate no template offers, and a service task without one', async () => {
    const issues = await lint(model('<bpmn:serviceTask id="Task_1" camunda:delegateExpression="${jdbcTemplate}" />',
      '<bpmn:serviceTask id="Task_2" />'));
    expect(issues['omnicase/known-delegate']).toEqual([
      expect.stringMatching(/^Task_1: unknown delegate \$\{jdbcTemplate\}: pick one of the templates \(assessCase, /),
      'Task_2: a service task needs a delegate: pick one of the templates ("Select" under Template)',
    ]);
    expect(await lint(model('<bpmn:serviceTask id="Task_1" camunda:delegateExpression="${escalateCase}" />')))
      .not.toHaveProperty('omnicase/known-delegate');
  });

  it('refuses code in camunda attributes even on an allowed element', async () => {
    const issues = await lint(model('<bpmn:serviceTask id="Task_1" camunda:class="java.lang.Runtime" />'));
    expect(issues['omnicase/supported-element']).toEqual(
      ['Task_1: camunda:class is not allowed: Omnicase calls only its own delegates (pick a template)']);
  });

  it('names a timer that does not say when, on its event', async () => {
    const issues = await lint(model(`<bpmn:intermediateCatchEvent id="Task_1">
        <bpmn:timerEventDefinition id="t" /></bpmn:intermediateCatchEvent>`));
    expect(issues['omnicase/timer-definition']).toEqual(
      ['Task_1: a timer needs a duration, date or cycle (e.g. PT4H or ${slaDuration})']);
    expect(await lint(model(`<bpmn:intermediateCatchEvent id="Task_1"><bpmn:incoming>f1</bpmn:incoming>
        <bpmn:outgoing>f2</bpmn:outgoing><bpmn:timerEventDefinition id="t">
        <bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`)))
      .toEqual({});
  });

  it('names a disconnected element and an unsupported event', async () => {
    const issues = await lint(model('<bpmn:userTask id="Task_1" />',
      '<bpmn:userTask id="Lonely" name="Nobody comes here" /><bpmn:intermediateThrowEvent id="Signal" />'));
    expect(issues['no-disconnected']).toEqual(expect.arrayContaining([expect.stringMatching(/^Lonely: /)]));
    expect(issues['omnicase/supported-element']).toEqual(['Signal: intermediate throw events are not supported']);
  });
});
