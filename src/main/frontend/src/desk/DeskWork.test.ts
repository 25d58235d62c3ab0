import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DeskWork from './DeskWork.vue';
import type { Me } from '../lib/session';

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

const json = (body: unknown, status = 200) =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));

const me: Me = { username: 'agent', displayName: 'Alex Agent', roles: ['AGENT'], pages: [] };
const row = (caseId: number, over: Record<string, unknown> = {}) => ({
  taskId: 't' + caseId, caseId, subject: 'Case subject ' + caseId, customerId: caseId, customerName: 'Customer ' + caseId,
  channel: 'EMAIL', queue: 'billing', priority: 50, assignee: null, status: 'ESCALATED',
  waitingSince: new Date().toISOString(), slaDue: new Date(Date.now() + 3_600_000).toISOString(), slaState: 'ok',
  sentiment: null, lastMessage: 'hello', ...over,
});

let queueAnswers: unknown[];
let urls: string[];

beforeEach(() => {
  FakeStream.all = [];
  urls = [];
  queueAnswers = [];
  vi.stubGlobal('EventSource', FakeStream);
  vi.stubGlobal('fetch', vi.fn((url: string) => {
    urls.push(url);
    if (url.startsWith('/api/desk/queue')) {
      return json(queueAnswers.length > 1 ? queueAnswers.shift() : queueAnswers[0]);
    }
    return json({ title: 'Not Found' }, 404);
  }));
  Element.prototype.scrollIntoView = () => undefined;
});

afterEach(() => { vi.unstubAllGlobals(); vi.useRealTimers(); });

/** Cases the agent holds, as GET /api/cases/N answers them (an empty timeline); claims are recorded in `posted`. */
let posted: string[];
function holding(...caseIds: number[]) {
  posted = [];
  const answer = (fetch as unknown as { getMockImplementation: () => (url: string) => Promise<Response> }).getMockImplementation();
  vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => {
    if (init?.method === 'POST') {
      if (url.endsWith('/claim')) posted.push(url);
      return json({});
    }
    const id = /^\/api\/cases\/(\d+)(\/timeline)?$/.exec(url);
    if (id && caseIds.includes(Number(id[1]))) {
      return id[2] ? json([]) : json({ id: Number(id[1]), customerId: Number(id[1]), customerName: 'Customer ' + id[1],
        status: 'ESCALATED', subject: 'Case subject ' + id[1], channel: 'EMAIL', queue: 'billing', priority: 50,
        assignee: 'agent', sentiment: null });
    }
    return answer(url);
  }));
}

describe('DeskWork', () => {
  it('lists the queue with counts on the tabs, and reads it again when the desk feed says something changed', async () => {
    queueAnswers = [
      { items: [row(1), row(2)], counts: { mine: 0, queues: 2, unassigned: 2 } },
      { items: [row(1), row(2), row(3)], counts: { mine: 0, queues: 3, unassigned: 3 } },
    ];
    const desk = mount(DeskWork, { props: { me }, attachTo: document.body });
    await flushPromises();
    expect(desk.findAll('#queue-list li.queue-item').map(li => li.attributes('data-case'))).toEqual(['1', '2']);
    expect(desk.find('#tab-queues .count').text()).toBe('2');
    const feed = FakeStream.all.find(s => s.url === '/api/desk/events')!;
    feed.emit('ready', {});
    await flushPromises();
    expect(desk.find('#feed-state').text()).toBe('Live');
    feed.emit('queue', { caseId: 3, reason: 'created' });
    await vi.waitFor(() => expect(desk.findAll('#queue-list li.queue-item')).toHaveLength(3));
    expect(desk.find('#tab-unassigned .count').text()).toBe('3');
    feed.onerror!();
    await flushPromises();
    expect(desk.find('#feed-state').text()).toBe('Reconnecting…');
    desk.unmount();
  });

  it('names keys for a keyboard, and none on a touch screen (no "press /", no Shortcuts button)', async () => {
    queueAnswers = [{ items: [row(1)], counts: { mine: 0, queues: 1, unassigned: 1 } }];
    const keyboard = mount(DeskWork, { props: { me }, attachTo: document.body });
    await flushPromises();
    expect(keyboard.find('#search').attributes('placeholder')).toBe('Search (press /)');
    expect(keyboard.find('.help-button').exists()).toBe(true);
    expect(keyboard.find('.empty-case kbd').exists()).toBe(true);
    keyboard.unmount();

    // The primary pointer is a finger: what the browser says to matchMedia('(pointer: coarse)').
    vi.stubGlobal('matchMedia', vi.fn((media: string) => ({ media, matches: media === '(pointer: coarse)',
      addEventListener: () => undefined, removeEventListener: () => undefined })));
    const phone = mount(DeskWork, { props: { me }, attachTo: document.body });
    await flushPromises();
    expect(phone.find('#search').attributes('placeholder')).toBe('Search');
    expect(phone.find('.help-button').exists()).toBe(false);
    expect(phone.find('.empty-case').text()).toContain('Claim a case from the list.');
    expect(phone.find('.empty-case kbd').exists()).toBe(false);
    phone.unmount();
  });

  it('names the tabs that hold what a search finds when this tab holds none', async () => {
    queueAnswers = [{ items: [], counts: { mine: 1, queues: 1, unassigned: 0 } }];
    const desk = mount(DeskWork, { props: { me }, attachTo: document.body });
    try {
      await flushPromises();
      await desk.find('#tab-unassigned').trigger('click');
      await desk.find('#search').setValue('Jonas');
      await vi.waitFor(() => expect(urls).toContain('/api/desk/queue?tab=unassigned&q=Jonas'));
      await flushPromises();
      expect(desk.find('#queue-empty').text()).toBe('No case on Unassigned matches “Jonas”; Mine has 1, My queues has 1.');
      queueAnswers = [{ items: [], counts: { mine: 0, queues: 0, unassigned: 0 } }];
      await desk.find('#filter-channel').setValue('SMS');
      await flushPromises();
      expect(desk.find('#queue-empty').text()).toBe('No case matches “Jonas” and the filters on any tab.');
    } finally {
      desk.unmount();
    }
  });

  it('asks the API with the tab, search and filters', async () => {
    queueAnswers = [{ items: [], counts: { mine: 0, queues: 0, unassigned: 0 } }];
    const desk = mount(DeskWork, { props: { me }, attachTo: document.body });
    await flushPromises();
    await desk.find('#tab-unassigned').trigger('click');
    await desk.find('#filter-channel').setValue('SMS');
    await flushPromises();
    expect(urls).toContain('/api/desk/queue?tab=unassigned&channel=SMS');
    expect(desk.find('#queue-empty').text()).toContain('No case matches');
    desk.unmount();
  });

  it('opens the case the address names, and follows the address when it changes (edited, Back, a link)', async () => {
    queueAnswers = [{ items: [row(1), row(4)], counts: { mine: 0, queues: 2, unassigned: 2 } }];
    history.replaceState(null, '', '#case-4');
    const desk = mount(DeskWork, { props: { me }, attachTo: document.body });
    await flushPromises();
    const asked = () => urls.filter(u => /^\/api\/cases\/\d+$/.test(u)).at(-1);
    expect(asked()).toBe('/api/cases/4');

    history.replaceState(null, '', '#case-1');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await flushPromises();
    expect(asked()).toBe('/api/cases/1');
    expect(desk.find('.desk').classes()).toContain('has-case');

    history.replaceState(null, '', location.pathname);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await flushPromises();
    expect(desk.find('.desk').classes()).not.toContain('has-case');
    desk.unmount();
  });

  it('marks the row of the case the address opens, not the first row, and follows a changed address', async () => {
    queueAnswers = [{ items: [row(1), row(4), row(9)], counts: { mine: 0, queues: 3, unassigned: 3 } }];
    history.replaceState(null, '', '#case-9');
    const desk = mount(DeskWork, { props: { me }, attachTo: document.body });
    try {
      await flushPromises();
      expect(desk.find('#queue-list li.selected').attributes('data-case')).toBe('9');

      history.replaceState(null, '', '#case-4');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      await flushPromises();
      expect(desk.find('#queue-list li.selected').attributes('data-case')).toBe('4');
    } finally {
      desk.unmount();
      history.replaceState(null, '', location.pathname);
    }
  });

  it('Esc in the search box leaves it with the words kept, back on the list', async () => {
    queueAnswers = [{ items: [row(1), row(2)], counts: { mine: 0, queues: 2, unassigned: 2 } }];
    const desk = mount(DeskWork, { props: { me }, attachTo: document.body });
    await flushPromises();
    const search = desk.find('#search');
    await search.setValue('refund');
    (search.element as HTMLInputElement).focus();
    const esc = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    search.element.dispatchEvent(esc);
    await flushPromises();
    expect(esc.defaultPrevented).toBe(true);
    expect((search.element as HTMLInputElement).value).toBe('refund');
    expect(document.activeElement?.closest('li')?.getAttribute('data-case')).toBe('1');
    desk.unmount();
  });

  it('after a claim on Unassigned, no other row is marked as if it were the open case; the keyboard is on the case', async () => {
    const unassigned = { items: [row(8), row(9), row(10)], counts: { mine: 0, queues: 3, unassigned: 3 } };
    queueAnswers = [
      unassigned, unassigned,
      // Claimed: case 9 is the agent's now, no longer unassigned.
      { items: [row(8), row(10)], counts: { mine: 1, queues: 3, unassigned: 2 } },
    ];
    holding(9);
    const desk = mount(DeskWork, { props: { me }, attachTo: document.body });
    try {
      await flushPromises();
      await desk.find('#tab-unassigned').trigger('click');
      await flushPromises();
      await desk.find('#queue-list li[data-case="9"] .claim').trigger('click');
      await vi.waitFor(() => expect(desk.findAll('#queue-list li.queue-item')).toHaveLength(2));
      await flushPromises();
      expect(posted).toEqual(['/api/desk/tasks/t9/claim']);
      expect(desk.find('#case-view').attributes('data-case')).toBe('9');
      expect(desk.findAll('#queue-list li.selected').map(li => li.attributes('data-case')), 'no row marked').toEqual([]);
      expect(document.activeElement?.id).toBe('case-title');
      // j goes on from where case 9 was: the row now in its place.
      (document.activeElement as HTMLElement).blur();
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
      await flushPromises();
      expect(desk.find('#queue-list li.selected').attributes('data-case')).toBe('10');
    } finally {
      desk.unmount();
    }
  });

  it('back in the list, the focus is on the case just left', async () => {
    queueAnswers = [{ items: [row(1), row(2), row(3)], counts: { mine: 0, queues: 3, unassigned: 3 } }];
    history.replaceState(null, '', '#case-3');
    const desk = mount(DeskWork, { props: { me }, attachTo: document.body });
    await flushPromises();
    expect(desk.find('.desk').classes()).toContain('has-case');
    (document.activeElement as HTMLElement | null)?.blur();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flushPromises();
    expect(desk.find('.desk').classes()).not.toContain('has-case');
    expect(document.activeElement?.closest('li')?.getAttribute('data-case')).toBe('3');
    desk.unmount();
  });

  it('Esc in the reply box leaves it with the text kept, and a second Esc goes back to the list', async () => {
    queueAnswers = [{ items: [row(4, { assignee: 'agent' })], counts: { mine: 1, queues: 1, unassigned: 0 } }];
    holding(4);
    history.replaceState(null, '', '#case-4');
    const desk = mount(DeskWork, { props: { me }, attachTo: document.body });
    await flushPromises();
    const reply = desk.find('#reply-text');
    expect(reply.exists()).toBe(true);
    await reply.setValue('Half a sentence');
    (reply.element as HTMLTextAreaElement).focus();
    reply.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flushPromises();
    expect(document.activeElement?.id).toBe('case-title');
    expect(desk.find('.desk').classes()).toContain('has-case');
    expect((desk.find('#reply-text').element as HTMLTextAreaElement).value).toBe('Half a sentence');

    // The typed reply is not sent: leaving asks first, in the page; Esc (staying) keeps the text in the box.
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flushPromises();
    expect(desk.find('#leave-question').text()).toBe('Leave this case? The reply you typed has not been sent.');
    expect(document.activeElement?.id).toBe('leave-stay');
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flushPromises();
    expect(desk.find('#leave-case').exists()).toBe(false);
    expect(desk.find('.desk').classes()).toContain('has-case');
    expect(document.activeElement?.id).toBe('reply-text');
    expect((desk.find('#reply-text').element as HTMLTextAreaElement).value).toBe('Half a sentence');
    (document.activeElement as HTMLElement).blur();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flushPromises();
    await desk.find('#leave-go').trigger('click');
    await flushPromises();
    expect(desk.find('.desk').classes()).not.toContain('has-case');
    expect(confirm, 'the browser\'s own confirm() is not used').not.toHaveBeenCalled();
    desk.unmount();
  });

  it('asks before opening another case from the list over a reply not sent, and claims only once the agent leaves', async () => {
    queueAnswers = [{ items: [row(1), row(4, { assignee: 'agent' })], counts: { mine: 1, queues: 2, unassigned: 1 } }];
    holding(1, 4);
    history.replaceState(null, '', '#case-4');
    const desk = mount(DeskWork, { props: { me }, attachTo: document.body });
    await flushPromises();
    await desk.find('#reply-text').setValue('Your refund is on its way');
    const opened = () => desk.find('#case-view').attributes('data-case');

    // A click on "Claim": the question, nothing claimed; staying keeps case 4 and its reply.
    await desk.find('#queue-list li[data-case="1"] .claim').trigger('click');
    await flushPromises();
    expect(desk.find('#leave-question').text()).toBe('Leave this case? The reply you typed has not been sent.');
    expect(posted).toEqual([]);
    await desk.find('#leave-stay').trigger('click');
    await flushPromises();
    expect(desk.find('#leave-case').exists()).toBe(false);
    expect(opened()).toBe('4');
    expect((desk.find('#reply-text').element as HTMLTextAreaElement).value).toBe('Your refund is on its way');
    expect(document.activeElement?.id).toBe('reply-text');

    // Enter on the selected row asks too; leaving claims and opens case 1.
    (document.activeElement as HTMLElement).blur();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true }));
    await flushPromises();
    expect(desk.find('#queue-list li.selected').attributes('data-case')).toBe('1');
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await flushPromises();
    expect(desk.find('#leave-case').exists()).toBe(true);
    expect(opened()).toBe('4');
    await desk.find('#leave-go').trigger('click');
    await flushPromises();
    expect(posted).toEqual(['/api/desk/tasks/t1/claim']);
    expect(opened()).toBe('1');
    expect(location.hash).toBe('#case-1');
    desk.unmount();
  });

  it('asks before the address (a link, Back) leaves a case with a reply not sent; staying puts the address back', async () => {
    queueAnswers = [{ items: [row(1, { assignee: 'agent' }), row(4, { assignee: 'agent' })], counts: { mine: 2, queues: 2, unassigned: 0 } }];
    holding(1, 4);
    history.replaceState(null, '', '#case-4');
    const desk = mount(DeskWork, { props: { me }, attachTo: document.body });
    await flushPromises();
    await desk.find('#reply-text').setValue('Half a sentence');

    history.replaceState(null, '', '#case-1');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await flushPromises();
    expect(desk.find('#leave-question').exists()).toBe(true);
    expect(desk.find('#case-view').attributes('data-case')).toBe('4');
    await desk.find('#leave-stay').trigger('click');
    await flushPromises();
    expect(location.hash).toBe('#case-4');
    expect(desk.find('#case-view').attributes('data-case')).toBe('4');
    expect((desk.find('#reply-text').element as HTMLTextAreaElement).value).toBe('Half a sentence');

    // Back to the list: asked once for the two events a browser fires; leaving follows the address.
    history.replaceState(null, '', location.pathname);
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await flushPromises();
    expect(desk.findAll('#leave-case')).toHaveLength(1);
    await desk.find('#leave-go').trigger('click');
    await flushPromises();
    expect(desk.find('.desk').classes()).not.toContain('has-case');
    expect(location.hash).toBe('');
    desk.unmount();
  });

  it('moves with j and k and shows the shortcuts with ?, but not while the agent types in a field', async () => {
    queueAnswers = [{ items: [row(1), row(2), row(3)], counts: { mine: 0, queues: 3, unassigned: 3 } }];
    const desk = mount(DeskWork, { props: { me }, attachTo: document.body });
    await flushPromises();
    const selected = () => desk.find('#queue-list li.selected').attributes('data-case');
    expect(selected()).toBe('1');
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true }));
    await flushPromises();
    expect(selected()).toBe('2');

    const search = desk.find('#search').element as HTMLInputElement;
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    search.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true }));
    await flushPromises();
    expect(selected()).toBe('2');
    expect(desk.find('#shortcuts').exists()).toBe(false);

    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true }));
    await flushPromises();
    expect(desk.find('#shortcuts').text()).toContain('Send the reply');
    desk.unmount();
  });

  it('closing the shortcuts with Esc (or Close) puts the keyboard back where it was, not on the page', async () => {
    queueAnswers = [{ items: [row(1), row(2)], counts: { mine: 0, queues: 2, unassigned: 2 } }];
    const desk = mount(DeskWork, { props: { me }, attachTo: document.body });
    await flushPromises();
    const where = desk.find('.help-button').element as HTMLButtonElement;
    where.focus();
    where.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true }));
    await flushPromises();
    expect(document.activeElement?.id).toBe('shortcuts');
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flushPromises();
    expect(desk.find('#shortcuts').exists()).toBe(false);
    expect(document.activeElement).toBe(where);

    const item = desk.find('#queue-list li.selected .claim').element as HTMLElement;
    item.focus();
    item.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true }));
    await flushPromises();
    await desk.find('#shortcuts button').trigger('click');
    await flushPromises();
    expect(document.activeElement).toBe(item);
    desk.unmount();
  });
});
