import { describe, expect, it } from 'vitest';
import { lintIssues, translate } from './diagram';

describe('the designer in words', () => {
  it('counts the linter\'s findings as the pages do', () => {
    const button = '{errors} Errors, {warnings} Warnings';
    expect(translate(button, { errors: '1', warnings: '0' })).toBe('1 error');
    expect(translate(button, { errors: '2', warnings: '1' })).toBe('2 errors, 1 warning');
    expect(translate(button, { errors: '0', warnings: '3' })).toBe('3 warnings');
    expect(translate('Append {type}', { type: 'task' })).toBe('Append task');
    expect(translate('No Issues')).toBe('No Issues');
  });

  it('names a finding\'s element by its name, else by its kind and id, and says bpmnlint\'s findings in words', () => {
    const elements: Record<string, { type: string; businessObject: { name?: string } }> = {
      Activity_1: { type: 'bpmn:UserTask', businessObject: { name: 'Call back' } },
      Activity_2: { type: 'bpmn:ServiceTask', businessObject: {} },
    };
    const issues = lintIssues({
      Activity_1: [{ id: 'Activity_1', message: 'Element is not connected', category: 'error', rule: 'no-disconnected' }],
      Activity_2: [{ id: 'Activity_2', message: 'calls no delegate', category: 'error', rule: 'omnicase/known-delegate' }],
    }, id => elements[id]);
    expect(issues.map(i => i.element + ': ' + i.message)).toEqual([
      '“Call back”: not connected to the rest of the process', 'service task Activity_2: calls no delegate']);
  });
});
