import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import ConditionEditor from './ConditionEditor.vue';
import { model } from './fixtures.test-data';
import type { RuleCondition } from './rules';

function editor(condition: RuleCondition, problems = new Map<string, string[]>(), attach = false) {
  return mount(ConditionEditor, { props: { model, condition, idBase: 'c', where: 'Rule 1, condition 1', problems },
    attachTo: attach ? document.body : undefined });
}

describe('ConditionEditor', () => {
  it('offers only the operators the field\'s type allows', () => {
    const choice = editor({ field: 'MESSAGE_TOPIC', operator: 'IS', value: 'BILLING' });
    expect(choice.findAll('select.operator option').map(o => o.text())).toEqual(['is', 'is not']);
    expect(choice.findAll('select.value option').map(o => o.text())).toEqual(['Billing', 'Technical']);

    const number = editor({ field: 'CASE_MESSAGE_COUNT', operator: 'AT_LEAST', value: 3 });
    expect(number.findAll('select.operator option').map(o => o.attributes('value'))).toEqual(['EQUALS', 'AT_LEAST']);
    expect(number.find('input.value').attributes('type')).toBe('number');
    expect(number.find('input.value').attributes('step')).toBe('1');
  });

  it('fits operator and value to a newly chosen field, keeping an operator that still applies', async () => {
    const c = editor({ field: 'MESSAGE_TOPIC', operator: 'IS', value: 'TECHNICAL' });
    await c.find('select.field').setValue('CASE_MESSAGE_COUNT');
    expect(c.emitted('update:condition')![0][0]).toEqual({ field: 'CASE_MESSAGE_COUNT', operator: 'EQUALS', value: null });

    await c.find('select.field').setValue('MESSAGE_ASKS_FOR_PERSON');
    expect(c.emitted('update:condition')![1][0]).toEqual({ field: 'MESSAGE_ASKS_FOR_PERSON', operator: 'IS', value: true });
  });

  it('sends a number for a number field and a boolean for a yes/no field', async () => {
    const number = editor({ field: 'CASE_MESSAGE_COUNT', operator: 'AT_LEAST', value: 3 });
    await number.find('input.value').setValue('7');
    expect(number.emitted('update:condition')![0][0]).toEqual({ field: 'CASE_MESSAGE_COUNT', operator: 'AT_LEAST', value: 7 });

    const yesNo = editor({ field: 'MESSAGE_ASKS_FOR_PERSON', operator: 'IS', value: true });
    expect(yesNo.findAll('select.value option').map(o => o.text())).toEqual(['yes', 'no']);
    await yesNo.find('select.value').setValue('false');
    expect(yesNo.emitted('update:condition')![0][0]).toMatchObject({ value: false });
  });

  it('tells that a word list may hold phrases between its commas (walk 47: "money back" read as two words)', () => {
    const c = editor({ field: 'MESSAGE_TEXT', operator: 'MENTIONS_ANY_OF', value: '' });
    expect(c.find('textarea.value').attributes('placeholder')).toBe('words or phrases, separated by commas');
  });

  it('shows a word list in a field that wraps, where Enter adds no line and a pasted line break is a comma (walk 47 F7)', async () => {
    const words = 'dispute, wrong, twice, double, overcharged, unauthorised, unauthorized, charged again, money back';
    const c = editor({ field: 'MESSAGE_TEXT', operator: 'MENTIONS_ANY_OF', value: words }, new Map(), true);
    const area = c.find('textarea.value');
    expect(area.exists()).toBe(true);
    expect(c.find('input.value').exists()).toBe(false);
    expect((area.element as HTMLTextAreaElement).value).toBe(words);

    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    area.element.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);

    await area.setValue('refund\nmoney back \r\n still charged');
    expect(c.emitted('update:condition')!.at(-1)![0]).toMatchObject({ value: 'refund, money back, still charged' });
    expect((area.element as HTMLTextAreaElement).value).toBe('refund, money back, still charged');
    c.unmount();
  });

  it('labels every control and names the remove button', () => {
    const c = editor({ field: 'MESSAGE_TEXT', operator: 'CONTAINS', value: 'refund' });
    const controls = c.findAll('select, input, textarea');
    expect(controls.map(e => e.element.tagName)).toContain('TEXTAREA');
    for (const control of controls) {
      const label = c.find(`label[for="${control.attributes('id')}"]`);
      expect(label.exists()).toBe(true);
      expect(label.text()).toMatch(/^Rule 1, condition 1: (field|operator|value)$/);
    }
    expect(c.find('button.remove-condition').attributes('aria-label')).toBe('Rule 1, condition 1: remove condition');
  });

  it('shows the server\'s problem next to the value it is about', () => {
    const c = editor({ field: 'CASE_MESSAGE_COUNT', operator: 'AT_LEAST', value: 20000 },
      new Map([['value', ['must be between 0 and 10000']]]));
    const value = c.find('input.value');
    expect(value.classes()).toContain('invalid');
    expect(value.attributes('aria-invalid')).toBe('true');
    const described = c.find('#' + value.attributes('aria-describedby'));
    expect(described.text()).toBe('must be between 0 and 10000');
    expect(c.find('select.operator').attributes('aria-invalid')).toBeUndefined();
  });

  it('names the chosen field in full in the select\'s title, for a label too long to show', () => {
    const c = editor({ field: 'MESSAGE_ASKS_FOR_PERSON', operator: 'IS', value: true });
    expect(c.find('select.field').attributes('title')).toBe('Message asks for a person');
  });
});
