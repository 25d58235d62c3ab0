import { describe, expect, it } from 'vitest';
import { keepReplaceEntry, knownReplaceEntry } from './safeSubsetModule';
import { supportedShape } from './safeSubset';

const refused = ['replace-with-script-task', 'replace-with-rule-task', 'replace-with-send-task', 'replace-with-receive-task',
  'replace-with-call-activity', 'replace-with-collapsed-subprocess', 'replace-with-signal-start',
  'replace-with-escalation-intermediate-throw', 'replace-with-link-intermediate-catch', 'replace-with-none-intermediate-throw'];

describe('the safe subset in the menus', () => {
  it('names options bpmn-js has', () => {
    expect(refused.filter(id => !knownReplaceEntry(id))).toEqual([]);
  });

  it('lets a task become a user, service or manual task, never a script task or a sub-process', () => {
    expect(['replace-with-task', 'replace-with-user-task', 'replace-with-service-task', 'replace-with-manual-task']
      .map(keepReplaceEntry)).toEqual([true, true, true, true]);
    expect(['replace-with-script-task', 'replace-with-rule-task', 'replace-with-send-task',
      'replace-with-receive-task', 'replace-with-call-activity', 'replace-with-collapsed-subprocess']
      .map(keepReplaceEntry)).toEqual([false, false, false, false, false, false]);
  });

  it('offers message and timer events, not signals, escalations, links or throw events', () => {
    expect(keepReplaceEntry('replace-with-message-intermediate-catch')).toBe(true);
    expect(keepReplaceEntry('replace-with-timer-intermediate-catch')).toBe(true);
    expect(keepReplaceEntry('replace-with-terminate-end')).toBe(true);
    expect(keepReplaceEntry('replace-with-signal-start')).toBe(false);
    expect(keepReplaceEntry('replace-with-escalation-intermediate-throw')).toBe(false);
    expect(keepReplaceEntry('replace-with-link-intermediate-catch')).toBe(false);
    expect(keepReplaceEntry('replace-with-none-intermediate-throw')).toBe(false);
    expect(keepReplaceEntry('toggle-loop')).toBe(false);
    expect(keepReplaceEntry('toggle-non-interrupting')).toBe(true);
  });

  it('knows which event may carry which definition', () => {
    expect(supportedShape('bpmn:BoundaryEvent', 'bpmn:TimerEventDefinition')).toBe(true);
    expect(supportedShape('bpmn:BoundaryEvent', null)).toBe(false);
    expect(supportedShape('bpmn:EndEvent', 'bpmn:TerminateEventDefinition')).toBe(true);
    expect(supportedShape('bpmn:StartEvent', 'bpmn:TerminateEventDefinition')).toBe(false);
  });
});
