import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import RuleTable from './RuleTable.vue';
import { model, shipped } from './fixtures.test-data';
import { edited, forServer, sentenceDisagreement, type CellProblem, type EditedRule } from './rules';

function table(readOnly: boolean, problems: CellProblem[] = [], rules: EditedRule[] = shipped.map(edited)) {
  return mount(RuleTable, {
    props: { model, readOnly, problems, caption: 'Active rules', rules, 'onUpdate:rules': () => {} },
    attachTo: document.body,
  });
}

describe('RuleTable', () => {
  it('shows a reader the same rows as text, with nothing to type into or press', () => {
    const t = table(true);
    expect(t.findAll('tr.rule')).toHaveLength(2);
    expect(t.findAll('input, select, textarea, button')).toHaveLength(0);
    const first = t.findAll('tr.rule')[0];
    expect(first.find('td.name').text()).toBe('A message about billing goes to the billing queue');
    expect(first.find('td.conditions').text()).toBe('Message topic is Billing');
    expect(first.find('td.actions').text()).toContain('queue Billing');
    expect(t.findAll('thead th').map(th => th.text())).not.toContain('Order');
    t.unmount();
  });

  it('gives an editor a labelled input for every part of a row', () => {
    const t = table(false);
    const row = t.findAll('tr.rule')[1];
    expect((row.find('textarea.rule-name').element as HTMLTextAreaElement).value)
      .toBe('A customer who has written three times goes to a person');
    expect((row.find('select.handling').element as HTMLSelectElement).value).toBe('ESCALATE');
    for (const control of t.findAll('textarea, select, input[type=text], input[type=number]')) {
      expect(t.find(`label[for="${control.attributes('id')}"]`).exists(), control.html()).toBe(true);
    }
    for (const button of t.findAll('button')) {
      expect(button.attributes('aria-label') || button.text()).toBeTruthy();
    }
    t.unmount();
  });

  it('shows the reason for the agent whole: a field that wraps, one line to the server (walk 49)', async () => {
    const rules = shipped.map(edited);
    rules[1].actions.reason = 'The customer contacts us for the third time about the same billing issue';
    const t = table(false, [], rules);
    const reason = t.findAll('tr.rule')[1].find('.reason');
    // A one-line input cut it at "The customer contacts us fo"; a textarea wraps it.
    expect(reason.element.tagName).toBe('TEXTAREA');
    expect((reason.element as HTMLTextAreaElement).value).toBe(rules[1].actions.reason);
    await reason.setValue('The customer asked\nfor a person');
    expect((reason.element as HTMLTextAreaElement).value).toBe('The customer asked for a person');
    expect(rules[1].actions.reason).toBe('The customer asked for a person');
    const enter = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true });
    reason.element.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);
    t.unmount();
  });

  it('shows a 422 problem on the cell it names, and marks the row', () => {
    const t = table(false, [
      { row: 2, column: 'name', message: 'is required' },
      { row: 1, column: 'conditions[1].value', message: 'must be one of [BILLING, TECHNICAL] for MESSAGE_TOPIC' },
    ]);
    const [first, second] = t.findAll('tr.rule');
    expect(second.classes()).toContain('invalid');
    const name = second.find('textarea.rule-name');
    expect(name.classes()).toContain('invalid');
    expect(t.find('#' + name.attributes('aria-describedby')).text()).toBe('is required');
    expect(first.find('textarea.rule-name').classes()).not.toContain('invalid');
    const value = first.find('.condition .value');
    expect(value.classes()).toContain('invalid');
    expect(t.find('#' + value.attributes('aria-describedby')).text()).toContain('must be one of');
    t.unmount();
  });

  it('says at the sentence when a value no longer agrees with it, as the supervisor edits', async () => {
    // Walk of 5 December: rule 9's value went from 3 to 4 and its sentence still said "three times".
    const rules = shipped.map(edited);
    const t = table(false, [], rules);
    const row = () => t.findAll('tr.rule')[1];
    expect(row().find('.cell-problem').exists()).toBe(false);
    await row().find('.condition input.value').setValue('4');
    const name = row().find('textarea.rule-name');
    expect(name.classes()).toContain('invalid');
    expect(row().classes()).toContain('invalid');
    expect(t.find('#' + name.attributes('aria-describedby')).text()).toBe('the sentence says “three times” but '
      + 'condition 1 is Case message count ≥ 4; change the sentence or the value so that they agree');
    await name.setValue('A customer who has written four times goes to a person');
    expect(row().find('.cell-problem').exists()).toBe(false);
    expect(row().classes()).not.toContain('invalid');
    // The server's refusal of the same says it once.
    await name.setValue('A customer who has written three times goes to a person');
    await t.setProps({ problems: [{ row: 2, column: 'name', message: 'the sentence says “three times” but condition 1 '
      + 'is Case message count ≥ 4; change the sentence or the value so that they agree' }] });
    expect(row().findAll('.cell-problem')).toHaveLength(1);
    t.unmount();
  });

  it('keeps an editor\'s order buttons beside the row number, where a wide table never scrolls them away', () => {
    const t = table(false);
    expect(t.findAll('thead th').map(th => th.text())).toEqual(['#', 'Order', 'Rule (a sentence)', 'When all of these hold', 'Then']);
    const cells = t.findAll('tr.rule')[0].findAll(':scope > th, :scope > td');
    expect(cells[1].findAll('button').map(b => b.attributes('aria-label')))
      .toEqual(['Move rule 1 up', 'Move rule 1 down', 'Remove rule 1']);
    t.unmount();
  });

  it('adds, moves and removes rows, and sends the table as the server reads it', async () => {
    const rules = shipped.map(edited);
    const t = table(false, [], rules);
    await t.findAll('tr.rule')[1].find('button.move-up').trigger('click');
    expect(forServer(rules).map(r => r.name)[0]).toBe('A customer who has written three times goes to a person');
    (t.vm as unknown as { addRule: () => void }).addRule();
    await t.vm.$nextTick();
    expect(t.findAll('tr.rule')).toHaveLength(3);
    expect(document.activeElement?.classList.contains('rule-name')).toBe(true);
    await t.findAll('tr.rule')[2].find('textarea.rule-name').setValue('Line one\nline two');
    expect(forServer(rules)[2]).toEqual({
      name: 'Line one line two',
      conditions: [{ field: 'MESSAGE_TOPIC', operator: 'IS', value: 'BILLING' }],
      actions: { handling: null, queue: null, priority: null, skills: [], reason: null },
    });
    await t.findAll('tr.rule')[0].find('button.remove-rule').trigger('click');
    expect(rules).toHaveLength(2);
    t.unmount();
  });
});

describe('sentenceDisagreement', () => {
  const rule = (name: string, operator: string, value: number) => ({ name,
    conditions: [{ field: 'CASE_MESSAGE_COUNT', operator, value }], actions: shipped[1].actions });
  it('reads a bound written either way, and leaves a sentence that states no count alone', () => {
    expect(sentenceDisagreement(model, rule('Written more than two times', 'AT_LEAST', 3))).toBeNull();
    expect(sentenceDisagreement(model, rule('Written 3 times', 'EQUALS', 3))).toBeNull();
    expect(sentenceDisagreement(model, rule('Written the third time', 'AT_LEAST', 3))).toBeNull();
    expect(sentenceDisagreement(model, rule('A chatty customer goes to a person', 'AT_LEAST', 4))).toBeNull();
    expect(sentenceDisagreement(model, rule('Written 3 times', 'AT_LEAST', 4))).toContain('“3 times”');
    expect(sentenceDisagreement(model, rule('Written more than two times', 'AT_LEAST', 4))).toContain('“two times”');
  });
});
