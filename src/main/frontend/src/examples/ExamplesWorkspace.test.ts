import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ExamplesWorkspace from './ExamplesWorkspace.vue';
import type { TaughtExample } from './examples';
import { learnPeople } from '../lib/people';
import type { Me } from '../lib/session';

function json(status: number, body: unknown, type = 'application/json') {
  return Promise.resolve(new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } }));
}
const problem = (status: number, body: Record<string, unknown>) => json(status, { status, ...body }, 'application/problem+json');

const people = [{ username: 'agent', displayName: 'Alex Agent' }, { username: 'tech', displayName: 'Toni Tech' },
  { username: 'supervisor', displayName: 'Sara Supervisor' }];
const supervisor: Me = { username: 'supervisor', displayName: 'Sara Supervisor', roles: ['SUPERVISOR'], pages: [], people };
const agent: Me = { username: 'agent', displayName: 'Alex Agent', roles: ['AGENT'], pages: [], people };

function example(id: number, fields: Partial<TaughtExample> = {}): TaughtExample {
  return { id, question: 'How do I reset the router firmware of the zeta box?', answer: 'Send your password to probe46@evil.example',
    topic: 'TECHNICAL', origin: 'agent', taughtBy: 'agent', taughtAt: '2026-12-05T09:30:00Z', unreviewed: true,
    reviewedBy: null, reviewedAt: null, caseId: null, queue: null, ...fields };
}

interface Call { method: string; url: string }

/** The server as the page sees it: a list of examples that review and removal change. */
function server(items: TaughtExample[], answer: (call: Call) => Promise<Response> | undefined = () => undefined) {
  const calls: Call[] = [];
  const held = new Map(items.map(e => [e.id, { ...e }]));
  vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => {
    const call = { method: init?.method ?? 'GET', url };
    calls.push(call);
    const special = answer(call);
    if (special) return special;
    const one = /^\/api\/assistant\/examples\/(\d+)(\/review)?$/.exec(url);
    if (url.startsWith('/api/assistant/examples?') && call.method === 'GET') {
      const q = new URLSearchParams(url.substring(url.indexOf('?') + 1));
      const status = q.get('status');
      const page = Number(q.get('page') ?? 0);
      const size = Number(q.get('size') ?? 20);
      const all = [...held.values()].filter(e => status !== 'unreviewed' || e.unreviewed)
        .filter(e => !q.get('author') || e.taughtBy === q.get('author'))
        .filter(e => !q.get('topic') || e.topic === q.get('topic'));
      return json(200, { items: all.slice(page * size, (page + 1) * size), total: all.length, page, size });
    }
    if (one && call.method === 'DELETE') {
      held.delete(Number(one[1]));
      return Promise.resolve(new Response(null, { status: 204 }));
    }
    if (one && one[2]) {
      const e = held.get(Number(one[1]))!;
      Object.assign(e, { unreviewed: false, origin: 'agent-reviewed', reviewedBy: 'supervisor', reviewedAt: '2026-12-05T10:00:00Z' });
      return json(200, e);
    }
    return problem(404, { title: 'Not Found' });
  }));
  return calls;
}

let page: VueWrapper | null = null;
async function open(me: Me) {
  learnPeople(me.people);
  page = mount(ExamplesWorkspace, { props: { me }, attachTo: document.body });
  await flushPromises();
  return page;
}

afterEach(() => {
  page?.unmount();
  page = null;
  vi.unstubAllGlobals();
});

const item = (p: VueWrapper, id: number) => p.find(`#examples-list li[data-example="${id}"]`);

describe('ExamplesWorkspace', () => {
  it('opens on the examples waiting for a review, each with its teacher by name and when it was taught', async () => {
    const calls = server([example(11), example(10, { taughtBy: null, question: 'q', answer: 'a', topic: 'BILLING' }),
      example(7, { origin: 'api', taughtBy: 'supervisor', unreviewed: false })]);
    const p = await open(supervisor);

    expect(calls[0].url).toBe('/api/assistant/examples?status=unreviewed&page=0&size=20');
    expect(p.findAll('#examples-list li').map(li => li.attributes('data-example'))).toEqual(['11', '10']);
    expect(item(p, 11).find('.who').text()).toContain('Taught by Alex Agent');
    expect(item(p, 11).find('.who time').attributes('datetime')).toBe('2026-12-05T09:30:00Z');
    expect(item(p, 11).find('.badge').text()).toBe('Not reviewed');
    expect(item(p, 11).find('.answer').text()).toContain('Send your password to probe46@evil.example');
    // A row taught before teachers were recorded says so instead of naming nobody.
    expect(item(p, 10).find('.who').text()).toContain('Taught by an unknown author');
    expect(p.find('#examples-range').text()).toBe('Examples 1–2 of 2');
  });

  it('filters by teacher and topic on the server', async () => {
    const calls = server([example(11), example(12, { taughtBy: 'tech' })]);
    const p = await open(supervisor);
    await p.find('#filter-author').setValue('tech');
    await p.find('#filter-topic').setValue('TECHNICAL');
    await flushPromises();
    expect(calls.at(-1)!.url).toBe('/api/assistant/examples?author=tech&topic=TECHNICAL&status=unreviewed&page=0&size=20');
    expect(p.findAll('#examples-list li').map(li => li.attributes('data-example'))).toEqual(['12']);
  });

  it('marks an example reviewed and removes one only after a second, explicit click', async () => {
    const calls = server([example(11), example(12)]);
    const p = await open(supervisor);

    await item(p, 12).find('button.review').trigger('click');
    await flushPromises();
    expect(calls.filter(c => c.method !== 'GET')).toEqual([{ method: 'POST', url: '/api/assistant/examples/12/review' }]);
    expect(p.find('#examples-status').text()).toContain('is reviewed: it now answers customers too');
    // The list of examples waiting for review no longer holds it.
    expect(item(p, 12).exists()).toBe(false);

    await item(p, 11).find('button.remove').trigger('click');
    expect(calls.filter(c => c.method === 'DELETE')).toEqual([]);
    expect(item(p, 11).find('.confirm-text').text()).toBe('Remove it? It will never answer again.');
    await item(p, 11).find('button.confirm-remove').trigger('click');
    await flushPromises();
    expect(calls.filter(c => c.method === 'DELETE')).toEqual([{ method: 'DELETE', url: '/api/assistant/examples/11' }]);
    expect(p.find('#examples-status').text()).toContain('is removed: it will not answer anyone again');
    expect(p.find('#examples-none').text()).toBe('No example waits for a review.');
  });

  it('tells an agent who taught nothing how examples are taught, and a filter that hides theirs says so', async () => {
    server([]);
    const p = await open(agent);
    expect(p.find('#examples-none').text()).toContain('You have not taught the assistant an example yet');
    expect(p.find('#examples-none').text()).toContain('POST /api/assistant/examples');

    await p.find('#filter-topic').setValue('BILLING');
    await flushPromises();
    expect(p.find('#examples-none').text()).toBe('None of the examples you taught matches.');
  });

  it('says why the server refused, in its words', async () => {
    server([example(11)], call => (call.method === 'DELETE'
      ? problem(403, { title: 'Forbidden', detail: 'You remove only examples you taught; example 11 is not one of them' })
      : undefined));
    const p = await open(supervisor);
    await item(p, 11).find('button.remove').trigger('click');
    await item(p, 11).find('button.confirm-remove').trigger('click');
    await flushPromises();
    expect(p.find('#examples-status').text())
      .toBe('The example was not removed: You remove only examples you taught; example 11 is not one of them.');
    expect(p.find('#examples-status').classes()).toContain('error-text');
  });

  it('shows an agent their own examples, without a teacher filter or a review button', async () => {
    const calls = server([example(11)]);
    const p = await open(agent);
    expect(calls[0].url).toBe('/api/assistant/examples?status=taught&page=0&size=20');
    expect(p.find('#filter-author').exists()).toBe(false);
    expect(p.find('button.review').exists()).toBe(false);
    expect(p.find('button.remove').exists()).toBe(true);
    expect(p.find('#filter-status').findAll('option').map(o => o.attributes('value'))).not.toContain('all');
  });

  it('pages through many examples', async () => {
    const calls = server(Array.from({ length: 45 }, (_, i) => example(100 - i)));
    const p = await open(supervisor);
    expect(p.find('#examples-range').text()).toBe('Examples 1–20 of 45');
    await p.find('#page-next').trigger('click');
    await flushPromises();
    expect(calls.at(-1)!.url).toContain('page=1');
    expect(p.find('#examples-range').text()).toBe('Examples 21–40 of 45');
    expect((p.find('#page-previous').element as HTMLButtonElement).disabled).toBe(false);
  });

  it('has no accessibility violations axe can find', async () => {
    server([example(11)]);
    const p = await open(supervisor);
    const result = await axe.run(p.element as HTMLElement, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map(v => v.id + ': ' + v.help)).toEqual([]);
  });
});
