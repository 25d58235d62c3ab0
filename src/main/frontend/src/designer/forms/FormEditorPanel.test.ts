import { flushPromises, mount } from '@vue/test-utils';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import FormEditorPanel from './FormEditorPanel.vue';

// The shipped resolve form, as a deployed version carries it.
const resolveCase = JSON.parse(readFileSync(resolve(__dirname, '../../../../../../ui-forms/resolve-case.form'), 'utf8'));
const callBack = { id: 'call-back', type: 'default', components: [
  { type: 'textfield', id: 'f_phone', key: 'phone', label: 'Phone number' },
] };

// jsdom lays nothing out: no scrolling into view, nothing ever intersects (the properties panel asks).
beforeAll(() => {
  Element.prototype.scrollIntoView ??= () => undefined;
  vi.stubGlobal('IntersectionObserver', class { observe() {} unobserve() {} disconnect() {} takeRecords() { return []; } });
});

// form-js runs some of its effects a frame after a render (preact's afterPaint: requestAnimationFrame, else a 100 ms
// timeout, then a 0 ms timeout); one scheduled by the last test's unmount would otherwise fire after vitest tore the
// DOM down ("document is not defined", an unhandled error that fails the run). Nothing to observe: let those timers
// run out while the DOM still exists.
afterAll(() => new Promise<void>(done => setTimeout(done, 250)));

async function panel(forms: Record<string, object>, readOnly = false) {
  const view = mount(FormEditorPanel, { props: { forms, readOnly }, attachTo: document.body });
  // The editor is a chunk of its own, loaded on first use.
  await vi.waitFor(() => expect(view.find('#form-editor').attributes('data-state')).toBe('ready'), { timeout: 20000 });
  await flushPromises();
  return view;
}

/** The latest forms map the panel emitted. */
function lastForms(view: ReturnType<typeof mount>): Record<string, any> {
  const all = view.emitted('update:forms') as Record<string, any>[][] | undefined;
  expect(all, 'an update:forms event').toBeTruthy();
  return all![all!.length - 1][0];
}

describe('FormEditorPanel', { timeout: 30000 }, () => {
  it('opens the first form in the form-js editor and offers every form in the picker', async () => {
    const view = await panel({ 'resolve-case': resolveCase, 'call-back': callBack });
    expect(view.findAll('#form-picker option').map(o => o.text())).toEqual(['call-back', 'resolve-case']);
    expect(view.find('#form-editor').attributes('data-form')).toBe('call-back');
    expect(view.find('.fjs-editor-container').exists()).toBe(true);
    expect(view.find('.fjs-editor-container').text()).toContain('Phone number');

    await view.find('#form-picker').setValue('resolve-case');
    await vi.waitFor(() => expect(view.find('.fjs-editor-container').text()).toContain('Resolution'), { timeout: 10000 });
    expect(view.find('.fjs-editor-container').text()).not.toContain('Phone number');
    expect(view.emitted('update:forms')).toBeUndefined();
    view.unmount();
  });

  it('offers in its palette only the components the desk shows and Deploy takes', async () => {
    const view = await panel({ 'resolve-case': resolveCase });
    const offered = view.findAll('.fjs-palette-field').map(f => f.attributes('data-field-type'));
    expect(offered).toContain('textfield');
    expect(offered).toContain('radio');
    expect(offered).not.toContain('filepicker');
    expect(offered).not.toContain('iframe');
    expect(offered).not.toContain('documentPreview');
    view.unmount();
  });

  it('emits the whole map with the edited form when a field is changed in the properties panel', async () => {
    const view = await panel({ 'resolve-case': resolveCase, 'call-back': callBack });
    // Select the field on the canvas, then change its key (the variable it sets) in the properties panel.
    const field = view.find('.fjs-editor-container [data-id="f_phone"]');
    expect(field.exists()).toBe(true);
    await field.trigger('click');
    await flushPromises();
    const key = document.querySelector<HTMLInputElement>('.fjs-properties-container input#bio-properties-panel-key');
    expect(key, 'the key property').toBeTruthy();
    expect(key!.value).toBe('phone');
    key!.focus();
    key!.value = 'callbackPhone';
    key!.dispatchEvent(new Event('input', { bubbles: true }));

    await vi.waitFor(() => expect(view.emitted('update:forms')).toBeTruthy(), { timeout: 5000 });
    const forms = lastForms(view);
    expect(Object.keys(forms).sort()).toEqual(['call-back', 'resolve-case']);
    expect(forms['resolve-case']).toEqual(resolveCase);
    expect(forms['call-back'].components[0]).toMatchObject({ id: 'f_phone', key: 'callbackPhone', label: 'Phone number' });
    view.unmount();
  });

  it('starts a new form under an id it checks, and opens it', async () => {
    const view = await panel({ 'resolve-case': resolveCase });
    await view.find('#form-new').trigger('click');
    await view.find('#form-new-id').setValue('Call back!');
    await view.find('#form-new-form').trigger('submit');
    expect(view.find('#form-new-error').text()).toContain('lowercase');
    await view.find('#form-new-id').setValue('resolve-case');
    await view.find('#form-new-form').trigger('submit');
    expect(view.find('#form-new-error').text()).toContain('exists already');
    expect(view.emitted('update:forms')).toBeUndefined();

    await view.find('#form-new-id').setValue('call-back');
    await view.find('#form-new-form').trigger('submit');

    const forms = lastForms(view);
    expect(Object.keys(forms).sort()).toEqual(['call-back', 'resolve-case']);
    expect(forms['call-back']).toMatchObject({ id: 'call-back', components: [] });
    await view.setProps({ forms });
    await vi.waitFor(() => expect(view.find('#form-editor').attributes('data-form')).toBe('call-back'));
    await vi.waitFor(() => expect(view.find('#form-editor').attributes('data-state')).toBe('ready'), { timeout: 10000 });
    expect(view.find('.fjs-editor-container').text()).not.toContain('Resolution');
    view.unmount();
  });

  it('offers no new form to a reader', async () => {
    const view = await panel({ 'resolve-case': resolveCase }, true);
    expect(view.find('#form-new').exists()).toBe(false);
    expect(view.text()).toContain('Read-only');
    view.unmount();
  });
});
