import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import RulesWorkspace from './RulesWorkspace.vue';
import { model, shipped } from './fixtures.test-data';
import type { Me } from '../lib/session';

function json(status: number, body: unknown, type = 'application/json') {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } }));
}

const active = {
  version: 2, label: 'v2', rules: { rules: shipped }, author: 'supervisor', reason: 'Billing backlog',
  createdAt: '2026-12-01T10:00:00Z', activatedAt: '2026-12-01T10:00:00Z', activatedBy: 'supervisor', active: true,
};
const versions = [
  { ...active, table: true },
  { version: 1, label: 'v1', author: 'system', reason: 'shipped rules', createdAt: '2026-11-30T10:00:00Z',
    activatedAt: '2026-11-30T10:00:00Z', activatedBy: 'system', active: false, table: true },
];

/** The server as the page sees it; `posts` answers the POSTs by path. */
function server(posts: Record<string, () => Promise<Response>> = {}) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', vi.fn((url: string, init: RequestInit) => {
    calls.push({ method: init.method ?? 'GET', url, body: init.body ? JSON.parse(String(init.body)) : undefined });
    if (init.method === 'POST') return posts[url]?.() ?? json(500, { title: 'unexpected' });
    if (url.endsWith('/model')) return json(200, model);
    if (url.endsWith('/active')) return json(200, active);
    if (url.endsWith('/versions')) return json(200, versions);
    if (url.endsWith('/versions/1')) {
      return json(200, { ...versions[1], rules: { rules: [shipped[0]] } });
    }
    if (url.endsWith('/versions/2/diff')) {
      return json(200, { from: 1, to: 2, lines: [], rows: [
        { change: 'ADDED', name: 'A customer who has written three times goes to a person', fromRow: null, toRow: 2,
          before: null, after: shipped[1] },
        { change: 'KEPT', name: shipped[0].name, fromRow: 1, toRow: 1, before: shipped[0], after: shipped[0] }] });
    }
    return json(404, { title: 'Not Found' });
  }));
  return calls;
}

const person = (roles: Me['roles']): Me => ({ username: 'u', displayName: 'U', roles, pages: [] });

afterEach(() => vi.unstubAllGlobals());

describe('RulesWorkspace', () => {
  it('says why the active version was activated again, beside why it was made', async () => {
    const calls = server();
    vi.mocked(fetch).mockImplementation(((url: string, init: RequestInit) => {
      calls.push({ method: init?.method ?? 'GET', url, body: undefined });
      if (url.endsWith('/active')) {
        return json(200, { ...active, activatedBy: 'supervisor', activatedAt: '2026-12-04T18:08:00Z',
          activationReason: 'Walk 41: test done, back to the shipped rules.' });
      }
      if (url.endsWith('/model')) return json(200, model);
      if (url.endsWith('/versions')) return json(200, versions);
      return json(404, { title: 'Not Found' });
    }) as typeof fetch);
    const page = mount(RulesWorkspace, { props: { me: person(['AUDITOR']) } });
    await flushPromises();
    const line = page.find('#active-version').text();
    expect(line).toContain('v2 by supervisor: “Billing backlog”; activated again ');
    expect(line).toContain('by supervisor: “Walk 41: test done, back to the shipped rules”');
  });

  it('shows an auditor the rules and versions read-only, and says who may change them', async () => {
    server();
    const page = mount(RulesWorkspace, { props: { me: person(['AUDITOR']) } });
    await flushPromises();
    expect(page.find('#routing-rules').attributes('data-state')).toBe('ready');
    expect(page.findAll('tr.rule')).toHaveLength(2);
    expect(page.find('#read-only-note').text()).toBe('You can read every version; changing rules is for supervisors.');
    // The read-only notice looks as the designer's does (walk 50: blue here, amber there).
    expect(page.find('#read-only-note').classes()).toEqual(expect.arrayContaining(['panel', 'notice']));
    expect(page.findAll('input, select, textarea')).toHaveLength(0);
    expect(page.find('#activate').exists()).toBe(false);
    expect(page.find('#validate').exists()).toBe(false);
    expect(page.find('.rollback').exists()).toBe(false);
    expect(page.find('.show-diff').exists()).toBe(true);
  });

  it('activates an earlier version only after asking why, and sends the reason', async () => {
    const calls = server({ '/api/routing/rules/versions/1/activate': () => json(200, { ...versions[1], active: true }) });
    const page = mount(RulesWorkspace, { props: { me: person(['SUPERVISOR']) }, attachTo: document.body });
    await flushPromises();
    await page.find('tr[data-version="1"] .rollback').trigger('click');
    expect(calls.filter(c => c.method === 'POST')).toHaveLength(0);
    expect(document.activeElement?.id).toBe('activate-reason');
    await page.find('.activate-form form').trigger('submit');
    expect(page.find('#activate-reason-missing').text()).toBe('Say why you activate it again.');
    expect(calls.filter(c => c.method === 'POST')).toHaveLength(0);
    await page.find('#activate-reason').setValue('The VAT rule sent every invoice question to billing');
    await page.find('.activate-form form').trigger('submit');
    await flushPromises();
    expect(calls.filter(c => c.method === 'POST')).toEqual([{ method: 'POST', url: '/api/routing/rules/versions/1/activate',
      body: { reason: 'The VAT rule sent every invoice question to billing' } }]);
    page.unmount();
  });

  it('lets a supervisor edit, and shows a rejected table\'s problems on their cells', async () => {
    const calls = server({
      '/api/routing/rules/validate': () => json(422, {
        title: 'Rule set rejected', status: 422, detail: 'The rule set was rejected',
        problems: ['row 2, name: is required'], errors: [{ row: 2, column: 'name', message: 'is required' }],
      }, 'application/problem+json'),
    });
    const page = mount(RulesWorkspace, { props: { me: person(['SUPERVISOR']) } });
    await flushPromises();
    expect(page.find('#read-only-note').exists()).toBe(false);
    await page.findAll('textarea.rule-name')[1].setValue('');
    // One primary action: Save and activate; Validate and Dry run are the secondary steps before it (walk 50).
    expect(page.find('#validate').classes()).toContain('secondary');
    expect(page.find('#activate').classes()).not.toContain('secondary');
    await page.find('#validate').trigger('click');
    await flushPromises();
    expect(calls.at(-1)!.body).toMatchObject({ rules: [{ name: shipped[0].name }, { name: '' }] });
    expect(page.find('#status').text()).toBe('Not valid');
    expect(page.find('#problems').text()).toBe('row 2, name: is required');
    const name = page.findAll('textarea.rule-name')[1];
    expect(name.classes()).toContain('invalid');
    expect(page.find('#' + name.attributes('aria-describedby')).text()).toBe('is required');
  });

  it('puts the keyboard on the problems after a refused check, and each problem takes it to its field', async () => {
    server({
      '/api/routing/rules/validate': () => json(422, {
        title: 'Rule set rejected', status: 422, detail: 'The rule set was rejected',
        problems: ['row 2, name: is required', 'row 1, condition 1\'s value: must be one of Billing, Technical'],
        errors: [{ row: 2, column: 'name', message: 'is required' },
          { row: 1, column: 'conditions[1].value', message: 'must be one of Billing, Technical' }],
      }, 'application/problem+json'),
    });
    const page = mount(RulesWorkspace, { props: { me: person(['SUPERVISOR']) }, attachTo: document.body });
    await flushPromises();
    await page.findAll('textarea.rule-name')[1].setValue('');
    (page.find('#validate').element as HTMLButtonElement).focus();
    await page.find('#validate').trigger('click');
    await flushPromises();
    // Not <body>: the summary, which reads "Not valid" and lists the problems.
    expect(document.activeElement?.id).toBe('problem-summary');
    expect(page.find('#problem-summary').attributes('aria-labelledby')).toBe('status');
    const links = page.findAll('#problems button.go-to-problem');
    expect(links.map(b => b.text())).toEqual(['row 2, name: is required', 'row 1, condition 1\'s value: must be one of Billing, Technical']);
    await links[0].trigger('click');
    expect(document.activeElement).toBe(page.findAll('textarea.rule-name')[1].element);
    await links[1].trigger('click');
    expect(document.activeElement).toBe(page.findAll('tr.rule')[0].find('select.value').element);
    page.unmount();
  });

  it('gives the keyboard back to Validate once a check passes', async () => {
    server({ '/api/routing/rules/validate': () => json(200, { valid: true }) });
    const page = mount(RulesWorkspace, { props: { me: person(['SUPERVISOR']) }, attachTo: document.body });
    await flushPromises();
    const validate = page.find('#validate').element as HTMLButtonElement;
    validate.focus();
    await page.find('#validate').trigger('click');
    await flushPromises();
    expect(page.find('#status').text()).toBe('Valid');
    expect(document.activeElement).toBe(validate);
    page.unmount();
  });

  it('asks for a reason before saving, and activates with it', async () => {
    const calls = server({
      '/api/routing/rules/versions': () => json(201, { ...active, version: 3, label: 'v3' }),
    });
    const page = mount(RulesWorkspace, { props: { me: person(['ADMIN']) } });
    await flushPromises();
    await page.find('#activate').trigger('click');
    await flushPromises();
    expect(page.find('#status').text()).toBe('Say why you change the rules');
    expect(calls.some(c => c.method === 'POST')).toBe(false);

    await page.find('#reason').setValue('Invoices need people');
    await page.find('#activate').trigger('click');
    await flushPromises();
    expect(calls.find(c => c.method === 'POST')!.body).toMatchObject({ reason: 'Invoices need people', basedOn: 2 });
    expect(page.find('#status').text()).toBe('v3 is active');
  });

  it('keeps the edited table and says who changed the rules when another version became active meanwhile', async () => {
    const detail = 'v3 by admin became active after you opened v2: nothing was saved. Look at v3\'s changes, then save '
      + 'again (your table is still on the page)';
    server({ '/api/routing/rules/versions': () => json(409, { title: 'Conflict', status: 409, detail }) });
    const page = mount(RulesWorkspace, { props: { me: person(['SUPERVISOR']) } });
    await flushPromises();
    await page.findAll('textarea.rule-name')[0].setValue('My edit');
    await page.find('#reason').setValue('Hint for agents');
    await page.find('#activate').trigger('click');
    await flushPromises();
    expect(page.find('#status').text()).toBe(detail);
    expect((page.findAll('textarea.rule-name')[0].element as HTMLTextAreaElement).value).toBe('My edit');
    expect((page.find('#reason').element as HTMLInputElement).value).toBe('Hint for agents');
  });

  it('shows the rows a version changed', async () => {
    server();
    const page = mount(RulesWorkspace, { props: { me: person(['AUDITOR']) } });
    await flushPromises();
    await page.find('tr[data-version="2"] .show-diff').trigger('click');
    await flushPromises();
    const changes = page.findAll('#diff li');
    expect(changes).toHaveLength(1);
    expect(changes[0].text()).toContain('Added');
    expect(changes[0].text()).toContain('A customer who has written three times goes to a person (row 2)');
    expect(changes[0].text()).toContain('When Case message count ≥ 3: escalate to a person');
    expect(page.find('#diff').text()).toContain('1 row kept as they were');
  });

  it('shows an older version\'s table, but asks before it replaces unsaved edits', async () => {
    const calls = server();
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    const page = mount(RulesWorkspace, { props: { me: person(['SUPERVISOR']) } });
    await flushPromises();
    await page.findAll('textarea.rule-name')[0].setValue('Edited, not saved');
    await page.find('tr[data-version="1"] .show-version').trigger('click');
    await flushPromises();
    expect(confirm).toHaveBeenCalledOnce();
    expect(calls.some(c => c.url.endsWith('/versions/1'))).toBe(false);
    expect(page.findAll('tr.rule')).toHaveLength(2);

    confirm.mockReturnValue(true);
    await page.find('tr[data-version="1"] .show-version').trigger('click');
    await flushPromises();
    expect(page.findAll('tr.rule')).toHaveLength(1);
    expect(page.find('#shown-note').text()).toContain('The table shows the rules of v1, not the active ones.');
  });

  it('says so when the rules cannot be loaded, and offers to try again', async () => {
    vi.stubGlobal('fetch', vi.fn(() => json(503, { title: 'Service Unavailable', detail: 'Database down' })));
    const page = mount(RulesWorkspace, { props: { me: person(['SUPERVISOR']) } });
    await flushPromises();
    expect(page.find('#routing-rules').attributes('data-state')).toBe('failed');
    expect(page.find('[role="alert"]').text()).toContain('Database down');
    expect(page.find('[role="alert"] button').text()).toBe('Try again');
  });
});
