// bpmnlint for the safe subset, as a plain object the linter takes ({ config, resolver }) instead of the .bpmnlintrc a
// bundler plugin would compile: the rules are factories in this file (and two of bpmnlint's own), and the delegate
// rule knows the allowlisted beans from the element templates the server sends.
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import { FORBIDDEN_CAMUNDA_ATTRIBUTES, SUPPORTED_EVENT_DEFINITIONS, SUPPORTED_ELEMENTS, unsupportedReason } from './safeSubset';

/** The part of a moddle element the rules read. */
export interface Node {
  $type: string;
  $parent?: Node;
  id?: string;
  eventDefinitions?: Node[];
  body?: string;
  timeDuration?: Node;
  timeDate?: Node;
  timeCycle?: Node;
  get(name: string): unknown;
}

export interface Reporter {
  report(id: string, message: string): void;
}

type Rule = () => { check(node: Node, reporter: Reporter): void };

const is = (node: Node, type: string) => node.$type === type;
const local = (node: Node) => node.$type.replace(/^bpmn:/, '');

/** The element a problem is shown on: the node itself, or the nearest element above it that has an id. */
function owner(node: Node): string | undefined {
  for (let at: Node | undefined = node; at; at = at.$parent) {
    if (at.id && !/EventDefinition$/.test(at.$type) && !at.$type.startsWith('camunda:')) return at.id;
  }
  return undefined;
}

function report(reporter: Reporter, node: Node, message: string) {
  const id = owner(node);
  if (id) reporter.report(id, message);
}

/** Only the elements and event definitions Omnicase runs; no attribute that names code. */
const supportedElement: Rule = () => ({
  check(node, reporter) {
    if (node.$type.startsWith('bpmn:')) {
      if (!SUPPORTED_ELEMENTS.has(local(node))) {
        report(reporter, node, unsupportedReason(node.$type));
        return;
      }
      const allowed = SUPPORTED_EVENT_DEFINITIONS[local(node)];
      for (const definition of node.eventDefinitions ?? []) {
        const name = local(definition);
        if (allowed && !allowed.has(name)) {
          report(reporter, node, `a ${name.replace('EventDefinition', '').toLowerCase()} ${words(local(node))} is not supported`);
        }
      }
      if ((is(node, 'bpmn:BoundaryEvent') || is(node, 'bpmn:IntermediateCatchEvent')) && !node.eventDefinitions?.length) {
        report(reporter, node, `a ${words(local(node))} needs a timer or a message to wait for`);
      }
      for (const attribute of FORBIDDEN_CAMUNDA_ATTRIBUTES) {
        const value = safeGet(node, 'camunda:' + attribute);
        if (value !== undefined && value !== null && value !== '') {
          report(reporter, node, `camunda:${attribute} is not allowed: Omnicase calls only its own delegates (pick a template)`);
        }
      }
    } else if (node.$type === 'camunda:Script' || node.$type === 'camunda:Connector') {
      report(reporter, node, `${node.$type} is not allowed: Omnicase runs no scripts or connectors from a model`);
    }
  },
});

/** A service task calls exactly one allowlisted delegate, as a template sets it. */
function knownDelegate(beans: readonly string[]): Rule {
  return () => ({
    check(node, reporter) {
      if (!is(node, 'bpmn:ServiceTask')) return;
      const expression = safeGet(node, 'camunda:delegateExpression');
      if (typeof expression !== 'string' || !expression.trim()) {
        report(reporter, node, 'a service task needs a delegate: pick one of the templates ("Select" under Template)');
        return;
      }
      const bean = /^\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}$/.exec(expression.trim())?.[1];
      if (!bean || !beans.includes(bean)) {
        report(reporter, node, `unknown delegate ${expression}: pick one of the templates (${beans.join(', ') || 'none loaded'})`);
      }
    },
  });
}

/** A timer says when: one duration, date or cycle, not empty. */
const timerDefinition: Rule = () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:TimerEventDefinition')) return;
    const set = [node.timeDuration, node.timeDate, node.timeCycle].filter(value => value && String(value.body ?? '').trim());
    if (set.length === 0) {
      report(reporter, node, 'a timer needs a duration, date or cycle (e.g. PT4H or ${slaDuration})');
    } else if (set.length > 1) {
      report(reporter, node, 'a timer has one duration, date or cycle, not several');
    }
  },
});

function safeGet(node: Node, name: string): unknown {
  try {
    return node.get(name);
  } catch {
    return undefined; // the model was read without the Camunda extension
  }
}

function words(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The linter configuration bpmn-js-bpmnlint takes (`linting.bpmnlint`), for these allowlisted delegate beans. */
export function lintConfig(beans: readonly string[]) {
  const rules: Record<string, Rule> = {
    'bpmnlint/no-disconnected': noDisconnected as Rule,
    'bpmnlint/start-event-required': startEventRequired as Rule,
    'bpmnlint/end-event-required': endEventRequired as Rule,
    'bpmnlint/no-duplicate-sequence-flows': noDuplicateSequenceFlows as Rule,
    'bpmnlint-plugin-omnicase/supported-element': supportedElement,
    'bpmnlint-plugin-omnicase/known-delegate': knownDelegate(beans),
    'bpmnlint-plugin-omnicase/timer-definition': timerDefinition,
  };
  return {
    config: {
      rules: {
        'no-disconnected': 'error',
        'start-event-required': 'error',
        'end-event-required': 'error',
        'no-duplicate-sequence-flows': 'error',
        'omnicase/supported-element': 'error',
        'omnicase/known-delegate': 'error',
        'omnicase/timer-definition': 'error',
      },
    },
    resolver: {
      resolveRule(pkg: string, ruleName: string) {
        const rule = rules[`${pkg}/${ruleName}`];
        if (!rule) throw new Error(`no lint rule ${pkg}/${ruleName}`);
        return rule;
      },
      resolveConfig(pkg: string, configName: string): never {
        throw new Error(`no lint config ${configName} in ${pkg}`);
      },
    },
  };
}
