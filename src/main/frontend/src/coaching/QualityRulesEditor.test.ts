import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import QualityRulesEditor from './QualityRulesEditor.vue';
import { rulesV2, versions } from './fixtures.test-data';

function json(status: number, body: unknown, type = 'application/json') {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } }));
}

function server(put: () => Promise<Response>) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', vi.fn((url: string, init: RequestInit) => {
    calls.push({ method: init.method ?? 'GET', url, body: init.body ? JSON.parse(String(init.body)) : undefined });
    if (init.method === 'PUT') return put();
    if (url.endsWith('/rules/versions')) return json(200, versions);
    if (url.endsWith('/rules')) return json(200, rulesV2);
    return json(404, { title: 'Not Found' });
  }));
  return calls;
}

// Times are the browser's, in the one style of every page: pin a zone that is not UTC, whatever the machine's.
let zoneBefore: string | undefined;
beforeEach(() => { zoneBefore = process.env.TZ; process.env.TZ = 'Europe/Berlin'; });
afterEach(() => {
  vi.unstubAllGlobals();
  process.env.TZ = zoneBefore;
});

describe('QualityRulesEditor', () => {
  it('fills the form with the rules in force and lists every version with who and why', async () => {
    server(() => json(500, {}));
    const editor = mount(QualityRulesEditor, { props: { editable: true } });
    await flushPromises();
    expect((editor.find('#w-empathy').element as HTMLInputElement).value).toBe('30');
    expect((editor.find('#p-empathyPhrases').element as HTMLTextAreaElement).value).toBe('I understand\nsorry to hear');
    expect(editor.find('#rules-in-force').text()).toContain('v2');
    expect(editor.find('#rules-in-force').text()).toContain('earlier scores keep the rules they were computed with');
    const rows = editor.findAll('#rule-versions tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0].text()).toContain('More weight on empathy');
    expect(rows[0].find('.badge.ok').text()).toBe('in force');
    expect(editor.find('#rules-in-force').text()).toContain('saved by supervisor on 30 Nov 2026, 09:00');
    expect(rows[0].text()).toContain('30 Nov 2026, 09:00');
  });

  it('shows each weight as its share of the score, which moves when another weight changes', async () => {
    server(() => json(500, {}));
    const editor = mount(QualityRulesEditor, { props: { editable: true } });
    await flushPromises();
    const weights = ['firstResponse', 'ownership', 'empathy', 'confirmation', 'sentiment']
      .map(key => Number((editor.find('#w-' + key).element as HTMLInputElement).value));
    const total = weights.reduce((a, b) => a + b, 0);
    expect(editor.find('#share-empathy').text()).toBe(Math.round(3000 / total) + ' % of the score');
    await editor.find('#w-firstResponse').setValue(String(weights[0] + 50));
    expect(editor.find('#share-empathy').text()).toBe(Math.round(3000 / (total + 50)) + ' % of the score');
    expect(editor.find('legend').text()).toContain('need not add up to 100');
    await editor.find('#w-firstResponse').setValue('150');
    expect(editor.find('#share-empathy').text()).toBe('');
  });

  it('asks for a reason before it saves anything', async () => {
    const calls = server(() => json(500, {}));
    const editor = mount(QualityRulesEditor, { props: { editable: true }, attachTo: document.body });
    await flushPromises();
    await editor.find('form').trigger('submit');
    await flushPromises();
    // Once, at the field, which has the keyboard; not a second time on the status line (walk 46).
    expect(editor.find('#err-reason').text()).toBe('Say why you change the rules');
    expect(editor.find('#rules-reason').attributes('aria-invalid')).toBe('true');
    expect(editor.find('#rules-reason').attributes('aria-describedby')).toBe('err-reason');
    expect(editor.find('#rules-status').text()).toBe('');
    expect(document.activeElement).toBe(editor.find('#rules-reason').element);
    expect(calls.some(c => c.method === 'PUT')).toBe(false);
    editor.unmount();
  });

  it('saves a changed weight and phrases as a new version', async () => {
    const saved = { ...rulesV2, version: 3, reason: 'Coaching month', rules: { ...rulesV2.rules,
      weights: { ...rulesV2.rules.weights, empathy: 50 } } };
    const calls = server(() => json(200, saved));
    const editor = mount(QualityRulesEditor, { props: { editable: true } });
    await flushPromises();
    await editor.find('#w-empathy').setValue('50');
    await editor.find('#p-confirmationPhrases').setValue('thank you\n\n  works now  \n');
    await editor.find('#rules-reason').setValue('Coaching month');
    await editor.find('form').trigger('submit');
    await flushPromises();

    const put = calls.find(c => c.method === 'PUT')!;
    expect(put.url).toBe('/api/insight/quality/rules');
    expect(put.body).toMatchObject({ reason: 'Coaching month', rules: { weights: { empathy: 50, firstResponse: 25 },
      confirmationPhrases: ['thank you', 'works now'] } });
    expect(editor.find('#rules-status').text()).toBe('v3 is in force: it scores resolutions from now on');
  });

  it('shows what the server refused next to the field it names', async () => {
    server(() => json(400, {
      title: 'Invalid request', status: 400, detail: 'The quality rules were not saved',
      errors: [{ field: 'rules.weights.empathy', message: 'must be between 0 and 100' },
        { field: 'rules.confirmationPhrases[1]', message: "may hold only letters, digits, spaces and ' - , . ! ?" }],
    }, 'application/problem+json'));
    const editor = mount(QualityRulesEditor, { props: { editable: true } });
    await flushPromises();
    await editor.find('#w-empathy').setValue('150');
    await editor.find('#p-confirmationPhrases').setValue('thanks\n<script>');
    await editor.find('#rules-reason').setValue('try');
    await editor.find('form').trigger('submit');
    await flushPromises();

    expect(editor.find('#rules-status').text()).toBe('Not saved; the rules in force stay as they were');
    const weight = editor.find('#w-empathy');
    expect(weight.attributes('aria-invalid')).toBe('true');
    expect(editor.find('#' + weight.attributes('aria-describedby')).text()).toBe('must be between 0 and 100');
    expect(editor.find('#err-confirmationPhrases').text())
      .toBe("“<script>”: may hold only letters, digits, spaces and ' - , . ! ?");
    expect(editor.find('#p-confirmationPhrases').attributes('aria-describedby')).toContain('err-confirmationPhrases');
  });
});
