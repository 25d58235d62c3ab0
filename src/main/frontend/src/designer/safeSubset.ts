// The part of BPMN Omnicase runs (the server's DeploymentPolicy says the same, and stays the boundary): which elements
// and event definitions a model may use, for the palette, the menus and the linter.

/** BPMN element types (without the bpmn: prefix) a model may contain. */
export const SUPPORTED_ELEMENTS = new Set([
  'Definitions', 'Process', 'Collaboration', 'Participant', 'LaneSet', 'Lane', 'Message',
  'StartEvent', 'EndEvent', 'IntermediateCatchEvent', 'BoundaryEvent',
  'ServiceTask', 'UserTask', 'ManualTask', 'Task',
  'ExclusiveGateway', 'ParallelGateway', 'EventBasedGateway',
  'SequenceFlow', 'FormalExpression', 'Expression',
  'MessageEventDefinition', 'TimerEventDefinition', 'TerminateEventDefinition',
  'ExtensionElements', 'Documentation', 'TextAnnotation', 'Association',
]);

/** Event definitions each kind of event may carry (none = a plain event). */
export const SUPPORTED_EVENT_DEFINITIONS: Record<string, Set<string>> = {
  StartEvent: new Set(['MessageEventDefinition', 'TimerEventDefinition']),
  EndEvent: new Set(['TerminateEventDefinition']),
  IntermediateCatchEvent: new Set(['MessageEventDefinition', 'TimerEventDefinition']),
  BoundaryEvent: new Set(['MessageEventDefinition', 'TimerEventDefinition']),
};

/** Camunda attributes that name code to run other than an allowlisted delegate: never allowed. */
export const FORBIDDEN_CAMUNDA_ATTRIBUTES = ['class', 'expression', 'resultVariable', 'type', 'topic',
  'calledElement', 'decisionRef', 'caseRef', 'scriptFormat', 'resource'];

const local = (type: string) => type.replace(/^bpmn:/, '');

/** Whether a shape of this type, with this event definition (if any), may be drawn. */
export function supportedShape(type: string, eventDefinitionType?: string | null): boolean {
  const name = local(type);
  if (!SUPPORTED_ELEMENTS.has(name)) return false;
  if (!eventDefinitionType) {
    // A plain boundary event has no meaning; a plain intermediate catch event waits for nothing.
    return name !== 'BoundaryEvent' && name !== 'IntermediateCatchEvent';
  }
  return SUPPORTED_EVENT_DEFINITIONS[name]?.has(local(eventDefinitionType)) ?? false;
}

/** Why an element of this type may not be used, in words a designer understands. */
export function unsupportedReason(type: string): string {
  const name = local(type);
  switch (name) {
    case 'ScriptTask': return 'script tasks are not allowed: Omnicase runs no scripts from a model';
    case 'BusinessRuleTask': return 'business rule tasks are not supported: routing rules live on the routing rules page';
    case 'CallActivity': return 'call activities are not supported: keep the case in one process';
    case 'SubProcess': case 'AdHocSubProcess': case 'Transaction':
      return 'sub-processes are not supported: draw the steps in the process itself';
    case 'SendTask': case 'ReceiveTask': return `${words(name)}s are not supported: use a service task with a template, or a message event`;
    case 'IntermediateThrowEvent': return 'intermediate throw events are not supported';
    default: return `${words(name)} is not supported by Omnicase`;
  }
}

function words(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Palette entries, in the palette's order: the tools, and the supported elements. */
export const PALETTE_ORDER = ['hand-tool', 'lasso-tool', 'space-tool', 'global-connect-tool', 'tool-separator',
  'create.start-event', 'create.timer-catch-event', 'create.message-catch-event', 'create.end-event',
  'create.exclusive-gateway', 'create.task', 'create.user-task', 'create.service-task', 'create.participant-expanded'];
export const PALETTE_ENTRIES = new Set(PALETTE_ORDER);

/** Context pad entries kept (appending only what may be drawn). */
export const CONTEXT_PAD_ENTRIES = new Set(['delete', 'replace', 'connect', 'append.end-event', 'append.gateway',
  'append.append-task', 'append.text-annotation', 'append.message-intermediate-event',
  'append.timer-intermediate-event', 'lane-insert-above', 'lane-insert-below', 'lane-divide-two',
  'lane-divide-three', 'set-color']);
