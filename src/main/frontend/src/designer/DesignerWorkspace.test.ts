import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import DesignerWorkspace from './DesignerWorkspace.vue';
import type { Me } from '../lib/session';
import versions from './fixtures/versions.json';
import templates from './fixtures/templates.json';
import diff from './fixtures/diff.json';
import shipped from './fixtures/customer-case.bpmn?raw';
import FormEditorPanel from './forms/FormEditorPanel.vue';

function json(status: number, body: unknown, type = 'application/json') {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } }));
}

const base = '/api/designer/processes/customer-case';
const detail = (version: number) => ({ ...versions.find(x => x.version === version)!, bpmnXml: `<xml v="${version}"/>`,
  forms: { 'resolve-case': { id: 'resolve-case', components: [{ key: 'resolution', label: 'Resolution', type: 'textarea' }] } } });

/** The server as the page sees it (the contract's shapes); `posts` answers the POSTs by path. */
function server(posts: Record<string, (body: any) => Promise<Response>> = {}, list: unknown[] = versions) {
  const calls: { method: string; url: string; body: any }[] = [];
  vi.stubGlobal('fetch', vi.fn((url: string, init: RequestInit) => {
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method: init.method ?? 'GET', url, body });
    if (init.method === 'POST') return posts[url]?.(body) ?? json(500, { title: 'unexpected' });
    if (url === `${base}/versions`) return json(200, list);
    const one = /\/versions\/(\d+)$/.exec(url);
    if (one) return json(200, detail(Number(one[1])));
    if (url === '/api/designer/element-templates') return json(200, templates);
    if (url.startsWith(`${base}/diff?`)) return json(200, diff);
    return json(404, { title: 'Not Found' });
  }));
  return calls;
}

/** The diagram, without bpmn-js (jsdom draws no SVG): shows the XML it got and the problems it would mark. */
const saved = { xml: shipped };
const revealed: string[] = [];
const FakeEditor = defineComponent({
  props: ['xml', 'editable', 'templates', 'problems'],
  emits: ['changed', 'lint', 'failed', 'ready'],
  setup(props, { expose }) {
    expose({ saveXml: async () => saved.xml, reveal: (id: string) => revealed.push(id), fit: () => undefined });
    return () => h('div', { id: 'fake-editor', 'data-xml': props.xml, 'data-editable': String(props.editable),
      'data-templates': props.templates.length, 'data-marked': props.problems.map((p: any) => p.elementId).join(',') });
  },
});
const FakeDiagram = defineComponent({ props: ['xml', 'marks', 'label'], setup: props =>
  () => h('figure', { class: 'fake-diff', 'data-xml': props.xml, 'data-marks': JSON.stringify(props.marks) }) });

const person = (roles: Me['roles']): Me => ({ username: 'u', displayName: 'U', roles, pages: [] });
const open = (roles: Me['roles']) => mount(DesignerWorkspace, {
  props: { me: person(roles) }, attachTo: document.body,
  global: { stubs: { BpmnEditor: FakeEditor, DiffDiagram: FakeDiagram } },
});

// Times are the browser's, in the one style of every page: pin a zone that is not UTC, whatever the machine's.
let zoneBefore: string | undefined;
beforeEach(() => { zoneBefore = process.env.TZ; process.env.TZ = 'Europe/Berlin'; });

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
  process.env.TZ = zoneBefore;
});

describe('DesignerWorkspace', () => {
  it('opens the newest version on the modeler with the templates, for a designer', async () => {
    server();
    const page = open(['DESIGNER']);
    await flushPromises();
    expect(page.find('#designer').attributes('data-state')).toBe('ready');
    expect(page.find('#current-version').text()).toContain('newest v3');
    expect(page.find('#current-version').text()).toContain('Call the customer back after an escalation');
    // Deployed 18:30 UTC, said in the browser's zone.
    expect(page.find('#current-version').text()).toContain('deployed 1 Dec 2026, 19:30');
    expect(page.find('#versions tr[data-version="3"]').text()).toContain('1 Dec 2026, 19:30');
    const editor = page.find('#fake-editor');
    expect(editor.attributes('data-xml')).toBe('<xml v="3"/>');
    expect(editor.attributes('data-editable')).toBe('true');
    expect(editor.attributes('data-templates')).toBe(String(templates.length));
    expect(page.find('#deploy').exists()).toBe(true);
    expect(page.find('#read-only-note').exists()).toBe(false);
    expect(page.findAll('[role=tab]').map(t => t.text())).toEqual(['Diagram', 'Forms', 'Versions', 'Running cases']);
  });

  it('shows an auditor every version and the diff, with nothing to press that changes anything', async () => {
    const calls = server();
    const page = open(['AUDITOR']);
    await flushPromises();
    expect(page.find('#fake-editor').attributes('data-editable')).toBe('false');
    expect(page.find('#read-only-note').text()).toContain('changing and deploying the process is for designers');
    expect(page.findAll('[role=tab]').map(t => t.text())).toEqual(['Diagram', 'Forms', 'Versions']);
    for (const id of ['#deploy', '#check', '#deploy-reason', '#open-file', '#migration', '.rollback']) {
      expect(page.find(id).exists(), id).toBe(false);
    }
    expect(calls.some(c => c.url === '/api/designer/element-templates')).toBe(false);
    expect(page.find('#form-editor').text()).toContain('Read-only: forms change through a deployment');
    expect(page.find('#form-new').exists()).toBe(false);
    expect(page.findAll('#versions tbody tr[data-version]').map(r => r.attributes('data-version'))).toEqual(['3', '2', '1']);
    await page.find('#versions tr[data-version="3"] .show-diff').trigger('click');
    await flushPromises();
    expect(calls.map(c => c.url)).toContain(`${base}/diff?from=2&to=3`);
    expect(page.find('#diff-title').text()).toBe('Changes from v2 to v3');
    expect(page.find('#diff li[data-change=ADDED]').text()).toContain('Call the customer back (user task, user_call_back)');
    expect(page.find('#diff li[data-change=REMOVED]').text()).toContain('Priority re-decided (end event, end_reassessed)');
    expect(page.find('#diff li[data-change=CHANGED]').text()).toContain('name: Handle the case → Handle case');
    expect(page.find('#diff li[data-form=resolve-case][data-form-change=CHANGED]').text())
      .toContain('field resolution: label: Resolution → How was it resolved?');
    expect(page.find('#diff [data-forms=same]').exists()).toBe(false);
    const [from, to] = page.findAll('.fake-diff');
    expect(from.attributes('data-xml')).toBe('<xml v="2"/>');
    expect(JSON.parse(from.attributes('data-marks')!)).toEqual({ end_reassessed: 'removed', user_handle_case: 'changed' });
    expect(JSON.parse(to.attributes('data-marks')!)).toEqual(
      { user_call_back: 'added', flow_call_back: 'added', user_handle_case: 'changed' });
    expect(calls.every(c => c.method === 'GET')).toBe(true);
  });

  it('asks for a reason before deploying, and marks the elements the server refuses', async () => {
    saved.xml = '<xml with="script"/>';
    const calls = server({
      [`${base}/deployments`]: () => json(400, { title: 'Model refused', status: 400, detail: 'The model can\'t be deployed',
        problems: [{ elementId: 'Task_1', message: 'script tasks are not allowed' },
          { elementId: null, message: 'the message CustomerMessage is not caught' }] }, 'application/problem+json'),
    });
    const page = open(['DESIGNER']);
    await flushPromises();
    page.findComponent(FakeEditor).vm.$emit('changed');
    await page.find('form.deploy-bar').trigger('submit');
    await flushPromises();
    // Said at the field, as its problem, not on the status line above the tabs.
    const field = page.find('#deploy-reason');
    expect(field.attributes('aria-invalid')).toBe('true');
    const described = document.getElementById(field.attributes('aria-describedby') ?? '');
    expect(described?.textContent).toBe('Say why you deploy.');
    expect(described?.classList).toContain('error-text');
    expect(field.element.parentElement!.contains(described)).toBe(true);
    expect(page.find('#status').text()).toBe('');
    expect(document.activeElement).toBe(field.element);
    expect(calls.filter(c => c.method === 'POST')).toHaveLength(0);

    await page.find('#deploy-reason').setValue('Try a script');
    expect(page.find('#deploy-reason').attributes('aria-invalid'), 'a reason typed answers it').toBeUndefined();
    expect(page.find('#deploy-reason-missing').exists()).toBe(false);
    await page.find('form.deploy-bar').trigger('submit');
    await flushPromises();
    const post = calls.find(c => c.method === 'POST')!;
    expect(post.url).toBe(`${base}/deployments`);
    expect(post.body).toEqual({ bpmnXml: '<xml with="script"/>', forms: detail(3).forms, reason: 'Try a script', basedOn: 3 });
    expect(page.find('#status').text()).toBe('Not deployed: 2 problems');
    expect(page.find('#fake-editor').attributes('data-marked')).toBe('Task_1,');
    expect(page.findAll('#problems li').map(li => li.text())).toEqual(
      ['Task_1: script tasks are not allowed', 'Whole model: the message CustomerMessage is not caught']);
    await page.find('#problems li button').trigger('click');
    await flushPromises();
    expect(revealed).toEqual(['Task_1']);
  });

  it('deploys with the reason and opens the new newest version', async () => {
    saved.xml = '<xml v="new"/>';
    let list = versions;
    const deployed = { ...versions[0], version: 4, reason: 'Call back', deployedAt: '2026-12-01T20:00:00Z', runningCases: 0 };
    const calls = server({
      [`${base}/deployments`]: () => {
        list = [deployed, ...versions];
        return json(201, deployed);
      },
    });
    const fetch = globalThis.fetch as ReturnType<typeof vi.fn>;
    const answer = fetch.getMockImplementation()!;
    fetch.mockImplementation((url: string, init: RequestInit) =>
      url === `${base}/versions` && (init.method ?? 'GET') === 'GET' ? json(200, list) : answer(url, init));
    const page = open(['ADMIN']);
    await flushPromises();
    page.findComponent(FakeEditor).vm.$emit('changed');
    await page.find('#deploy-reason').setValue('Call back');
    await page.find('form.deploy-bar').trigger('submit');
    await flushPromises();
    expect(page.find('#status').text()).toBe('v4 deployed: new cases start on it');
    expect(page.find('#fake-editor').attributes('data-xml')).toBe('<xml v="4"/>');
    expect(page.find('#versions tbody tr').attributes('data-version')).toBe('4');
    expect((page.find('#deploy-reason').element as HTMLInputElement).value).toBe('');
    expect(calls.filter(c => c.method === 'POST')).toHaveLength(1);
    expect(calls.find(c => c.method === 'POST')!.body).toMatchObject({ reason: 'Call back', basedOn: versions[0].version });
  });

  it('asks before deploying a diagram the checker finds problems in, and deploys nothing when told no', async () => {
    const calls = server({ [`${base}/deployments`]: () => json(201, { ...versions[0], version: 4 }) });
    const confirm = vi.fn((_question: string) => false);
    vi.stubGlobal('confirm', confirm);
    const page = open(['DESIGNER']);
    await flushPromises();
    page.findComponent(FakeEditor).vm.$emit('changed');
    page.findComponent(FakeEditor).vm.$emit('lint', [
      { elementId: 'Activity_1', element: '“Call back”', message: 'not connected to the rest of the process', category: 'error',
        rule: 'no-disconnected' }]);
    await page.find('#deploy-reason').setValue('Stray task');
    await page.find('form.deploy-bar').trigger('submit');
    await flushPromises();
    expect(confirm.mock.calls[0][0]).toContain('- “Call back”: not connected to the rest of the process');
    expect(page.find('#lint-issues li').text().replace(/\s+/g, ' ')).toBe('“Call back”: not connected to the rest of the process');
    expect(calls.filter(c => c.method === 'POST')).toHaveLength(0);
    expect(page.find('#status').text()).toBe('Not deployed: the diagram has 1 problem, listed under it');
  });

  it('deploys nothing from an untouched canvas: a copy of the newest version is no new version (walk 46)', async () => {
    const calls = server({ [`${base}/deployments`]: () => json(201, { ...versions[0], version: 4 }) });
    const page = open(['DESIGNER']);
    await flushPromises();
    await page.find('#deploy-reason').setValue('Nothing really');
    await page.find('form.deploy-bar').trigger('submit');
    await flushPromises();
    expect(calls.filter(c => c.method === 'POST')).toHaveLength(0);
    expect(page.find('#status').text()).toBe('Nothing to deploy: the diagram and the forms are v3 as deployed. Change them '
      + 'first; to make an older version the newest again, roll back to it under Versions.');
    expect(document.activeElement).toBe(page.find('#status').element);

    // A form edit is a change: it deploys.
    page.findComponent(FormEditorPanel).vm.$emit('update:forms', { 'resolve-case': { id: 'resolve-case', components: [] } });
    await page.find('form.deploy-bar').trigger('submit');
    await flushPromises();
    expect(calls.filter(c => c.method === 'POST')).toHaveLength(1);
  });

  it('keeps the edited diagram when someone else deployed meanwhile, and says who', async () => {
    saved.xml = '<xml v="mine"/>';
    const detail409 = 'v4 by admin was deployed after you opened v3: nothing was deployed. Compare it with your diagram '
      + 'under Versions, then deploy again';
    const calls = server({ [`${base}/deployments`]: () => json(409, { title: 'Conflict', status: 409, detail: detail409 }) });
    const page = open(['DESIGNER']);
    await flushPromises();
    page.findComponent(FakeEditor).vm.$emit('changed');
    await page.find('#deploy-reason').setValue('My change');
    await page.find('form.deploy-bar').trigger('submit');
    await flushPromises();
    expect(page.find('#status').text()).toBe('Not deployed: ' + detail409);
    expect(calls.filter(c => c.method === 'POST')).toHaveLength(1);
    expect((page.find('#deploy-reason').element as HTMLInputElement).value).toBe('My change');
    expect(page.find('.dirty').exists()).toBe(true);
  });

  it('asks before a rollback replaces changes nobody deployed', async () => {
    const calls = server({ [`${base}/versions/2/rollback`]: () => json(201, { ...versions[1], version: 4, rollbackOf: 2 }) });
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    const page = open(['DESIGNER']);
    await flushPromises();
    page.findComponent(FakeEditor).vm.$emit('changed');
    await page.find('#versions tr[data-version="2"] .rollback').trigger('click');
    await page.find('#rollback-reason').setValue('Back to v2');
    await page.find('.rollback-form form').trigger('submit');
    await flushPromises();
    expect(confirm).toHaveBeenCalledOnce();
    expect(calls.filter(c => c.method === 'POST')).toHaveLength(0);
  });

  it('marks the tab that holds changes nobody deployed: a form edit marks Forms, not Diagram', async () => {
    server({});
    const page = open(['DESIGNER']);
    await flushPromises();
    expect(page.find('#tab-forms').text()).toBe('Forms');
    page.findComponent(FormEditorPanel).vm.$emit('update:forms', { 'resolve-case': '{"components":[]}' });
    await flushPromises();
    expect(page.find('#tab-forms').text()).toBe('Forms (changed)');
    expect(page.find('#tab-diagram').text()).toBe('Diagram');
    page.findComponent(FakeEditor).vm.$emit('changed');
    await flushPromises();
    expect(page.find('#tab-diagram').text()).toBe('Diagram (changed)');
  });

  it('rolls back to an earlier version only with a reason', async () => {
    const calls = server({
      [`${base}/versions/2/rollback`]: () => json(201, { ...versions[1], version: 4, rollbackOf: 2, reason: 'v3 confused agents' }),
    });
    const page = open(['DESIGNER']);
    await flushPromises();
    expect(page.find('#versions tr[data-version="3"] .rollback').exists()).toBe(false);
    await page.find('#versions tr[data-version="2"] .rollback').trigger('click');
    await page.find('.rollback-form form').trigger('submit');
    expect(page.find('#rollback-reason-missing').text()).toBe('Say why you roll back.');
    expect(calls.filter(c => c.method === 'POST')).toHaveLength(0);
    await page.find('#rollback-reason').setValue('v3 confused agents');
    await page.find('.rollback-form form').trigger('submit');
    await flushPromises();
    expect(calls.find(c => c.method === 'POST')).toMatchObject({ url: `${base}/versions/2/rollback`, body: { reason: 'v3 confused agents' } });
    expect(page.find('#status').text()).toBe('v4 deployed: v2 again');
  });

  it('drops the comparison shown when a rollback makes a new newest version and the menus name a new pair (walk 49)', async () => {
    const list = [...versions];
    server({
      [`${base}/versions/2/rollback`]: () => {
        list.unshift({ ...versions[1], version: 4, rollbackOf: 2, reason: 'v3 confused agents' } as any);
        return json(201, list[0]);
      },
    }, list);
    const page = open(['DESIGNER']);
    await flushPromises();
    await page.find('#versions tr[data-version="3"] .show-diff').trigger('click');
    await flushPromises();
    expect(page.find('#diff-title').text()).toBe('Changes from v2 to v3');
    await page.find('#versions tr[data-version="2"] .rollback').trigger('click');
    await page.find('#rollback-reason').setValue('v3 confused agents');
    await page.find('.rollback-form form').trigger('submit');
    await flushPromises();
    expect(page.find('#status').text()).toBe('v4 deployed: v2 again');
    expect((page.find('#compare-from').element as HTMLSelectElement).value).toBe('3');
    expect((page.find('#compare-to').element as HTMLSelectElement).value).toBe('4');
    // Nothing says "Changes from v2 to v3" (or its counts) under menus that read v3 and v4.
    expect(page.find('#diff-title').exists()).toBe(false);
    expect(page.find('#diff-status').text()).toBe('');
  });

  it('says so when the process has no version', async () => {
    server({}, []);
    const page = open(['DESIGNER']);
    await flushPromises();
    expect(page.find('#designer').attributes('data-state')).toBe('empty');
  });
});
