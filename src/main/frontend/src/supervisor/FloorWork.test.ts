import { flushPromises, mount } from '@vue/test-utils';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import FloorWork from './FloorWork.vue';
import type { Me } from '../lib/session';

/** A stand-in for the browser's EventSource: the test sends the server's events. */
class FakeStream {
  static all: FakeStream[] = [];
  static readonly CLOSED = 2;
  readyState = 1;
  onerror: (() => void) | null = null;
  listeners: Record<string, ((e: { data: string }) => void)[]> = {};
  constructor(readonly url: string) { FakeStream.all.push(this); }
  addEventListener(name: string, fn: (e: { data: string }) => void) { (this.listeners[name] ??= []).push(fn); }
  close() { this.readyState = 2; }
  emit(name: string, data: unknown) { (this.listeners[name] ?? []).forEach(fn => fn({ data: JSON.stringify(data) })); }
}

const me: Me = { username: 'supervisor', displayName: 'Sara Supervisor', roles: ['SUPERVISOR'], pages: [] };
const hours = ['2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00.000Z'];
const row = (caseId: number, over: Record<string, unknown> = {}) => ({
  taskId: 't' + caseId, caseId, subject: 'Subject ' + caseId, customerId: caseId, customerName: 'Customer ' + caseId,
  channel: 'EMAIL', queue: 'billing', priority: 50, assignee: null, status: 'ESCALATED',
  waitingSince: new Date(Date.now() - 600_000).toISOString(), created: new Date(Date.now() - 600_000).toISOString(),
  slaDue: new Date(Date.now() + 3_600_000).toISOString(), slaState: 'ok',
  sentiment: { score: -0.2, label: 'NEGATIVE', trend: 'STEADY' }, lastMessage: 'Where is my refund?', ...over,
});
const snapshot = {
  queues: [{ queue: 'billing', waiting: 2, handling: 0, oldestWaitSince: new Date(Date.now() - 600_000).toISOString(), atRisk: 0, breached: 1 }],
  agents: [
    { username: 'agent', displayName: 'Alex Agent', queues: ['billing', 'general'], handling: [], load: 0, idleSince: new Date(Date.now() - 120_000).toISOString() },
    { username: 'senior', displayName: 'Sam Senior', queues: ['billing'], handling: [7], load: 1, idleSince: null },
  ],
  conversations: [row(1), row(2, { sentiment: { score: 0.5, label: 'POSITIVE', trend: 'RISING' } })],
  alerts: [{ id: 3, kind: 'sla-breached', title: 'SLA breached on case #1', detail: 'SLA breached in queue billing', caseIds: [1], at: hours[1] }],
  volume: { hours, byChannel: { EMAIL: [1, 2] } },
  sentiment: { hours, average: [0.1, -0.2], messages: [1, 2] },
  at: hours[1],
};

let posts: { url: string; body: unknown }[];
let answer: () => Promise<Response>;

beforeEach(() => {
  FakeStream.all = [];
  posts = [];
  vi.stubGlobal('EventSource', FakeStream);
  // jsdom draws nothing: the charts say their figures in words, which the test reads.
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
  vi.stubGlobal('fetch', vi.fn((url: string, init: RequestInit) => {
    posts.push({ url, body: JSON.parse(String(init.body)) });
    return answer();
  }));
});

afterEach(() => { vi.unstubAllGlobals(); });

// Times are the browser's: pin a zone that is not UTC, whatever the machine's.
let zoneBefore: string | undefined;
beforeEach(() => { zoneBefore = process.env.TZ; process.env.TZ = 'Europe/Berlin'; });
afterEach(() => { process.env.TZ = zoneBefore; });

const json = (body: unknown, status = 200) =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } }));

async function floorWithSnapshot() {
  const floor = mount(FloorWork, { props: { me }, attachTo: document.body });
  const stream = FakeStream.all.find(s => s.url === '/api/supervisor/events')!;
  stream.emit('snapshot', snapshot);
  await flushPromises();
  return { floor, stream };
}

describe('FloorWork', () => {
  it('says where an alert\'s case is now once a supervisor moved it to another queue, live', async () => {
    const { floor, stream } = await floorWithSnapshot();
    stream.emit('alert', { id: 5, kind: 'sentiment-falling', title: 'Mood falling on case #1',
      detail: '"Subject 1" in queue billing: mood -0.45 and falling', caseIds: [1], at: hours[1], queues: ['billing'] });
    await flushPromises();
    expect(floor.find('#alerts li[data-kind="sentiment-falling"] .moved').exists()).toBe(false);
    stream.emit('conversation', row(1, { queue: 'general' }));
    await flushPromises();
    expect(floor.find('#alerts li[data-kind="sentiment-falling"] .moved').text()).toBe('Raised in billing: case #1 is now in general.');
    floor.unmount();
  });

  it('draws the floor from the stream\'s snapshot and changes a row when the stream says it changed, without asking the server', async () => {
    const { floor, stream } = await floorWithSnapshot();
    expect(floor.find('#feed-state').text()).toBe('Live');
    expect(floor.findAll('#conversations li.conversation').map(li => li.attributes('data-case'))).toEqual(['1', '2']);
    expect(floor.find('#queues tr[data-queue="billing"] .waiting').text()).toBe('2');
    expect(floor.find('#queues tr[data-queue="billing"] .breached').text()).toBe('1');
    expect(floor.find('#agents [data-agent="agent"] .idle').text()).toBe('idle 2 min');
    expect(floor.find('#agents [data-agent="senior"] .handling a').attributes('href')).toBe('/desk.html#case-7');
    expect(floor.find('#alerts .title').text()).toBe('SLA breached on case #1');
    expect(floor.find('#volume-summary').text()).toContain('3 customer messages');

    stream.emit('conversation', row(2, { lastMessage: 'This is the third time I write!', sentiment: { score: -0.7, label: 'NEGATIVE', trend: 'FALLING' } }));
    stream.emit('message', { caseId: 2, queue: 'billing', channel: 'EMAIL', at: '2026-12-01T10:10:00Z', score: -0.7 });
    stream.emit('figures', { queues: [{ ...snapshot.queues[0], waiting: 3 }], agents: snapshot.agents });
    stream.emit('alert', { id: 4, kind: 'sentiment-falling', title: 'Mood falling on case #2', detail: null, caseIds: [2], at: hours[1] });
    await flushPromises();
    const first = floor.find('#conversations li.conversation');
    expect(first.attributes('data-case')).toBe('2');
    expect(first.find('.last').text()).toBe('This is the third time I write!');
    expect(first.find('.mood').text()).toContain('getting worse');
    expect(first.classes()).toContain('fresh');
    expect(floor.find('#queues tr[data-queue="billing"] .waiting').text()).toBe('3');
    expect(floor.find('#alerts li .title').text()).toBe('Mood falling on case #2');
    expect(floor.find('#volume-summary').text()).toContain('4 customer messages');

    expect(floor.find('#alerts li[data-kind="sla-breached"] .settled-mark').exists()).toBe(false);
    stream.emit('removed', { caseId: 1 });
    await flushPromises();
    expect(floor.findAll('#conversations li.conversation').map(li => li.attributes('data-case'))).toEqual(['2']);
    // The breach of case #1, which left the floor, is marked settled; the mood alert of case #2, still there, is not.
    expect(floor.find('#alerts li[data-kind="sla-breached"] .settled-mark').text()).toBe('no longer on the floor');
    expect(floor.find('#alerts li[data-kind="sentiment-falling"] .settled-mark').exists()).toBe(false);
    expect(posts).toEqual([]);
    floor.unmount();
    expect(stream.readyState).toBe(FakeStream.CLOSED);
  });

  it('says priorities, counts and times as every page does', async () => {
    const floor = mount(FloorWork, { props: { me }, attachTo: document.body });
    FakeStream.all[0].emit('snapshot', { ...snapshot, conversations: [row(1, { priority: 80 })],
      volume: { hours, byChannel: { WHATSAPP: [0, 1] } } });
    await flushPromises();
    const prio = floor.find('#conversations li.conversation .prio');
    expect(prio.text()).toBe('High');
    expect(prio.attributes('title')).toBe('Priority 80');
    expect(floor.find('#agents [data-agent="senior"] .load').text()).toBe('1 case');
    expect(floor.find('#volume-summary').text()).toBe('1 customer message in the last 24 hours: WhatsApp 1.');
    expect(floor.find('#mood-summary').text()).toContain('Average mood -0.20 at 11:00');
    expect(floor.find('#alerts time').text()).toBe('1 Dec 2026, 11:00');
    floor.unmount();
  });

  it('shows customer text as text, never as markup', async () => {
    const floor = mount(FloorWork, { props: { me }, attachTo: document.body });
    FakeStream.all[0].emit('snapshot', { ...snapshot, conversations: [row(1, { lastMessage: '<img src=x onerror=alert(1)>' })] });
    await flushPromises();
    expect(floor.find('#conversations .last').text()).toBe('<img src=x onerror=alert(1)>');
    expect(floor.find('#conversations img').exists()).toBe(false);
    floor.unmount();
  });

  it('reassigns a case to an agent of its queue with a reason, and shows the server\'s problem when it refuses', async () => {
    const { floor } = await floorWithSnapshot();
    const item = () => floor.find('#conversations li[data-case="1"]');
    await item().find('button.reassign').trigger('click');
    expect(item().findAll('.agent-choice option').map(o => o.attributes('value')))
      .toEqual(['billing/agent', 'billing/senior', 'general/', 'general/agent']);
    expect(item().findAll('.agent-choice optgroup').map(g => g.attributes('label')))
      .toEqual(['Queue billing (where it is)', 'Move to queue general']);
    // Every agent is named with the queue they would take it in, the first option too (walk of 5 December).
    expect(item().findAll('.agent-choice option').map(o => o.text()))
      .toEqual(['Alex Agent (billing, 0 held)', 'Sam Senior (billing, 1 held)', 'Anyone in general', 'Alex Agent (general, 0 held)']);
    await item().find('.agent-choice').setValue('billing/senior');
    await item().find('textarea.reason').setValue('Sam knows this customer');
    answer = () => json(row(1, { assignee: 'senior' }));
    await item().find('form').trigger('submit');
    await flushPromises();
    expect(posts).toEqual([{ url: '/api/supervisor/cases/1/assignment', body: { assignee: 'senior', reason: 'Sam knows this customer' } }]);
    expect(item().find('.holder').text()).toBe('senior');
    expect(item().find('form').exists()).toBe(false);
    // Said, and the keyboard back on the button that opened the form.
    expect(item().find('.done').text()).toBe('Handed to senior.');
    expect(document.activeElement).toBe(item().find('button.reassign').element);

    await item().find('button.reprioritise').trigger('click');
    await item().find('.priority-choice').setValue('URGENT');
    await item().find('textarea.reason').setValue('x');
    answer = () => json({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Say why: the reason goes on the case\'s timeline' }, 400);
    await item().find('form').trigger('submit');
    await flushPromises();
    expect(posts[1]).toEqual({ url: '/api/supervisor/cases/1/priority', body: { priority: 'URGENT', reason: 'x' } });
    expect(item().find('.problem').text()).toBe('Say why: the reason goes on the case\'s timeline');
    expect(item().find('form').exists()).toBe(true);
    // Ctrl+Enter in the reason sends the form, as on the desk; the status names the priority as the row does.
    await item().find('textarea.reason').setValue('Third contact today');
    answer = () => json(row(1, { priority: 90 }));
    await item().find('textarea.reason').trigger('keydown', { key: 'Enter', ctrlKey: true });
    await flushPromises();
    expect(posts[2]).toEqual({ url: '/api/supervisor/cases/1/priority', body: { priority: 'URGENT', reason: 'Third contact today' } });
    expect(item().find('.done').text()).toBe('Priority Urgent.');
    floor.unmount();
  });

  it('moves a case to another queue of the floor, to one of its agents or to whoever takes it first', async () => {
    const { floor } = await floorWithSnapshot();
    const item = () => floor.find('#conversations li[data-case="1"]');
    await item().find('button.reassign').trigger('click');
    await item().find('.agent-choice').setValue('general/');
    await item().find('textarea.reason').setValue('Not a billing matter');
    answer = () => json(row(1, { queue: 'general', assignee: null }));
    await item().find('form').trigger('submit');
    await flushPromises();
    expect(posts).toEqual([{ url: '/api/supervisor/cases/1/assignment', body: { queue: 'general', reason: 'Not a billing matter' } }]);
    expect(item().find('.queue').text()).toBe('general');
    expect(item().find('.done').text()).toBe('Moved to general: whoever of general is free takes it.');

    await item().find('button.reassign').trigger('click');
    await item().find('.agent-choice').setValue('billing/senior');
    await item().find('textarea.reason').setValue('Back to billing, to Sam');
    answer = () => json(row(1, { queue: 'billing', assignee: 'senior' }));
    await item().find('form').trigger('submit');
    await flushPromises();
    expect(posts[1]).toEqual({ url: '/api/supervisor/cases/1/assignment',
      body: { queue: 'billing', assignee: 'senior', reason: 'Back to billing, to Sam' } });
    expect(item().find('.done').text()).toBe('Moved to billing, to senior.');

    // Held now: it can go back to its own queue, for whoever is free.
    await item().find('button.reassign').trigger('click');
    expect(item().findAll('.agent-choice option').map(o => o.attributes('value'))).toContain('billing/');
    await item().find('.agent-choice').setValue('billing/');
    await item().find('textarea.reason').setValue('Sam is off sick');
    answer = () => json(row(1, { queue: 'billing', assignee: null }));
    await item().find('form').trigger('submit');
    await flushPromises();
    expect(posts[2]).toEqual({ url: '/api/supervisor/cases/1/assignment', body: { reason: 'Sam is off sick' } });
    expect(item().find('.done').text()).toBe('Back in queue billing: whoever of it is free takes it.');
    floor.unmount();
  });

  it('never proposes another team by default when nobody else works the case\'s queue', async () => {
    // Walk 50: Toni, the only technical agent, held the crashing-app case; Reassign opened on "Anyone in billing",
    // so a supervisor who only wrote a reason moved a technical case to billing.
    const { floor, stream } = await floorWithSnapshot();
    stream.emit('snapshot', { ...snapshot,
      agents: [...snapshot.agents, { username: 'tech', displayName: 'Toni Tech', queues: ['technical'], handling: [4],
        load: 1, idleSince: null }],
      conversations: [row(4, { queue: 'technical', assignee: 'tech' }), row(5, { queue: 'senior' })] });
    await flushPromises();
    const item = (caseId: number) => floor.find('#conversations li[data-case="' + caseId + '"]');

    // Held: the proposal is its own queue, for whoever of it is free.
    await item(4).find('button.reassign').trigger('click');
    expect((item(4).find('.agent-choice').element as HTMLSelectElement).value).toBe('technical/');
    await item(4).find('button.cancel').trigger('click');

    // Waiting in a queue nobody on the floor works: nothing is proposed; the supervisor picks where it goes.
    await item(5).find('button.reassign').trigger('click');
    const choice = item(5).find('.agent-choice').element as HTMLSelectElement;
    expect(choice.value).toBe('');
    expect(choice.checkValidity(), 'the form asks for a choice').toBe(false);
    floor.unmount();
  });

  it('keeps one form open on the floor: opening one on another row closes the first', async () => {
    const { floor } = await floorWithSnapshot();
    const item = (caseId: number) => floor.find('#conversations li[data-case="' + caseId + '"]');
    await item(1).find('button.reassign').trigger('click');
    expect(item(1).find('form').exists()).toBe(true);
    await item(2).find('button.reassign').trigger('click');
    expect(floor.findAll('#conversations form')).toHaveLength(1);
    expect(item(1).find('form').exists()).toBe(false);
    expect(item(1).find('button.reassign').attributes('aria-expanded')).toBe('false');
    expect(item(2).find('label').text()).toBe('Give case #2 to');
    // The priority form counts too, and the row whose form closed can open it again.
    await item(1).find('button.reprioritise').trigger('click');
    expect(floor.findAll('#conversations form')).toHaveLength(1);
    expect(item(1).find('.priority-choice').exists()).toBe(true);
    await item(2).find('button.reassign').trigger('click');
    await item(1).find('button.reassign').trigger('click');
    expect(floor.findAll('#conversations form')).toHaveLength(1);
    expect(item(1).find('.agent-choice').exists()).toBe(true);
    floor.unmount();
  });

  it('Cancel and Esc close the form and put the keyboard back on the button that opened it', async () => {
    const { floor } = await floorWithSnapshot();
    const item = () => floor.find('#conversations li[data-case="1"]');
    await item().find('button.reprioritise').trigger('click');
    expect(document.activeElement?.classList.contains('priority-choice')).toBe(true);
    await item().find('form button.cancel').trigger('click');
    await flushPromises();
    expect(item().find('form').exists()).toBe(false);
    expect(document.activeElement).toBe(item().find('button.reprioritise').element);

    await item().find('button.reassign').trigger('click');
    await item().find('textarea.reason').trigger('keydown', { key: 'Escape' });
    await flushPromises();
    expect(item().find('form').exists()).toBe(false);
    expect(document.activeElement).toBe(item().find('button.reassign').element);
    expect(posts).toEqual([]);
    floor.unmount();
  });

  it('names each region of the floor once: the queue table scrolls in a region of its own name (axe: landmark-unique)', async () => {
    const { floor } = await floorWithSnapshot();
    expect(floor.find('.queues-panel .table-scroll').attributes('aria-label')).toBe('Queue figures');
    // jsdom lays nothing out, but landmarks and their names are the DOM's: axe's own rule tells.
    const result = await axe.run(floor.element, { runOnly: ['landmark-unique'] });
    expect(result.violations.flatMap(v => v.nodes.map(n => n.html))).toEqual([]);
    floor.unmount();
  });

  it('says it reconnects when the stream breaks, and takes the new snapshot when it is back', async () => {
    const { floor, stream } = await floorWithSnapshot();
    stream.onerror!();
    await flushPromises();
    expect(floor.find('#feed-state').text()).toBe('Reconnecting…');
    stream.emit('snapshot', { ...snapshot, conversations: [row(9)] });
    await flushPromises();
    expect(floor.find('#feed-state').text()).toBe('Live');
    expect(floor.findAll('#conversations li.conversation').map(li => li.attributes('data-case'))).toEqual(['9']);
    floor.unmount();
  });
});
