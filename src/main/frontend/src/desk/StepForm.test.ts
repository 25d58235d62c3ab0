import { flushPromises, mount } from '@vue/test-utils';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import StepForm from './StepForm.vue';
import type { CaseStep } from './types';

// The form the process deploys, read from the repository: the test sees what the desk gets from the server.
const resolveCase = JSON.parse(readFileSync(resolve(__dirname, '../../../../../ui-forms/resolve-case.form'), 'utf8'));

const callBack = {
  id: 'call-back', type: 'default', schemaVersion: 16, components: [
    { type: 'radio', id: 'f_outcome', key: 'outcome', label: 'Outcome', validate: { required: true },
      values: [{ label: 'Reached', value: 'REACHED' }, { label: 'No answer', value: 'NO_ANSWER' }] },
    { type: 'number', id: 'f_minutes', key: 'minutes', label: 'Minutes on the phone' },
  ],
};

const step = (over: Partial<CaseStep> = {}): CaseStep => ({
  caseId: 42, taskId: 't-1', name: 'Case #42', action: 'RESOLVE', formId: 'resolve-case', schema: resolveCase, ...over,
});

async function shown(props: { step: CaseStep; errors?: { field: string; message: string }[] }) {
  const view = mount(StepForm, { props, attachTo: document.body });
  // The viewer is a chunk of its own, loaded on first use.
  await vi.waitFor(() => expect(view.find('#step-form').attributes('data-state')).toBe('ready'), { timeout: 15000 });
  await flushPromises();
  return view;
}

function field(view: ReturnType<typeof mount>, label: string): HTMLElement {
  const found = [...view.element.querySelectorAll('label')].find(l => l.textContent?.trim().startsWith(label));
  expect(found, 'a field labelled ' + label).toBeTruthy();
  const id = found!.getAttribute('for');
  return (id ? document.getElementById(id) : found!.querySelector('input, textarea')) as HTMLElement;
}

/** Types into a field and leaves it, as a user does before pressing the button (form-js takes the value on leaving). */
async function type(element: HTMLElement, value: string) {
  element.focus();
  (element as HTMLInputElement).value = value;
  element.dispatchEvent(new Event('input', { bubbles: true }));
  // form-js takes a typed value after a pause of 300 ms, or when the field is left.
  await new Promise(done => setTimeout(done, 350));
  element.dispatchEvent(new FocusEvent('blur'));
  element.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
  await flushPromises();
}

// jsdom draws nothing, so it scrolls nothing; form-js's option list scrolls its highlighted entry into view.
beforeAll(() => { Element.prototype.scrollIntoView ??= () => undefined; });

// The first test loads the viewer chunk: slow on a busy machine.
describe('StepForm', { timeout: 30000 }, () => {
  it('draws the deployed resolve form with form-js and submits its own variables', async () => {
    const view = await shown({ step: step() });
    expect(view.text()).toContain('Resolve the case');
    expect(view.find('#step-submit').text()).toBe('Resolve case');
    // The topic is a group of radio buttons (every option in view, arrow keys move between them).
    const technical = [...(view.element as HTMLElement).querySelectorAll<HTMLInputElement>('input[type=radio]')]
      .find(i => view.element.querySelector(`label[for="${i.id}"]`)?.textContent?.trim() === 'Technical');
    expect(technical, 'the Technical option').toBeTruthy();
    technical!.click();
    await flushPromises();
    await type(field(view, 'Resolution'), 'Line reset by the provider.');

    await view.find('#step-submit').trigger('click');
    await flushPromises();

    expect(view.emitted('submit')).toEqual([[{ topic: 'TECHNICAL', resolution: 'Line reset by the provider.' }]]);
    view.unmount();
  });

  it('does not submit while a required field is empty, and the form says which', async () => {
    const view = await shown({ step: step() });
    await type(field(view, 'Resolution'), 'Done');

    await view.find('#step-submit').trigger('click');
    await flushPromises();

    expect(view.emitted('submit')).toBeUndefined();
    expect(view.find('.fjs-form-field-error').text()).toContain('required');
    view.unmount();
  });

  it('draws whatever form the step has: a designer’s new task with its own fields and button', async () => {
    const view = await shown({ step: step({ taskId: 't-9', name: 'Call the customer back', action: 'COMPLETE',
      formId: 'call-back', schema: callBack }) });
    expect(view.find('.step-name').text()).toBe('Step: Call the customer back');
    expect(view.find('#step-submit').text()).toBe('Complete “Call the customer back”');
    expect(view.text()).not.toContain('Resolution');
    const reached = view.findAll('input[type=radio]').find(r => (r.element as HTMLInputElement).value === 'REACHED')
      ?? view.findAll('input[type=radio]')[0];
    await reached.trigger('click');
    await type(field(view, 'Minutes on the phone'), '12');

    await view.find('#step-submit').trigger('click');
    await flushPromises();

    expect(view.emitted('submit')).toEqual([[{ outcome: 'REACHED', minutes: 12 }]]);
    view.unmount();
  });

  it('shows the fields the server refused, by name', async () => {
    const view = await shown({ step: step(), errors: [{ field: 'topic', message: 'is required' }] });
    expect(view.find('#step-errors').text()).toBe('topic is required');
    view.unmount();
  });
});
