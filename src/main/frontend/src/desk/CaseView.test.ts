import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CaseView from './CaseView.vue';

/** A stand-in for the browser's EventSource: the test sends the server's events. */
class FakeStream {
  static last: FakeStream | null = null;
  static readonly CLOSED = 2;
  readyState = 1;
  onerror: (() => void) | null = null;
  listeners: Record<string, ((e: { data: string }) => void)[]> = {};
  constructor(readonly url: string) { FakeStream.last = this; }
  addEventListener(name: string, fn: (e: { data: string }) => void) { (this.listeners[name] ??= []).push(fn); }
  close() { this.readyState = 2; }
  emit(name: string, data: unknown) { (this.listeners[name] ?? []).forEach(fn => fn({ data: JSON.stringify(data) })); }
}

const json = (body: unknown, status = 200) =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));

const caseView = {
  id: 42, customerId: 7, customerName: 'Nora Example', status: 'ESCALATED', subject: 'Router down', channel: 'EMAIL',
  queue: 'general', priority: 80, assignee: 'agent', sentiment: { value: -0.5, trend: 'WORSENING', messages: 2 },
};
const timeline = [
  { id: 1, kind: 'INBOUND', channel: 'EMAIL', author: 'nora@example.com', text: 'My router is down',
    occurredAt: '2026-12-01T10:00:00Z', sentiment: { score: -0.4, label: 'NEGATIVE' } },
  { id: 30, kind: 'OUTBOUND', channel: 'EMAIL', author: 'agent', text: 'We are looking into it',
    occurredAt: '2026-12-01T10:00:02Z', detail: { to: 'nora@example.com', delivery: 'SENT' } },
  { id: 2, kind: 'ROUTING', channel: null, author: 'rules', text: 'Queue general → billing by routing rules', occurredAt: '2026-12-01T10:00:01Z' },
];
/** What GET /api/cases/42/timeline answers (the timeline as above unless a test says otherwise). */
let shownTimeline: unknown[] = timeline;
/** What GET /api/cases/42 answers (the case as above unless a test says otherwise). */
let shownCase: Record<string, unknown> = caseView;
let handoverCalls = 0;
const placedInGeneral = { selfService: false, queue: 'general', priority: 80, reasons: ['negative mood'] };
let routing: Record<string, unknown> = placedInGeneral;
const handover = () => ({
  caseId: 42, status: 'ESCALATED', summary: 'Summary #' + (++handoverCalls), customer: {
    id: 7, displayName: 'Nora Example', tier: 'STANDARD', identities: [{ kind: 'EMAIL', address: 'nora@example.com' }] },
  assistant: [], routing,
  earlierCases: [], repeatContact: false,
});
const step = { caseId: 42, taskId: 't-42', name: 'Case #42', action: 'RESOLVE', formId: 'resolve-case', schema: {
  id: 'resolve-case', type: 'default', schemaVersion: 16, components: [
    { type: 'textarea', id: 'f_resolution', key: 'resolution', label: 'Resolution', validate: { required: true } },
  ] } };
let submitAnswer: () => Promise<Response> = () => json({ caseId: 42, status: 'RESOLVED' });

const repeats = {
  caseId: 42, topic: 'BILLING', windowFrom: '2026-09-02T10:00:00Z', windowTo: '2026-12-01T10:00:00Z', repeatCount: 3,
  earlier: [
    { caseId: 40, channel: 'CHAT', topic: 'BILLING', status: 'CLOSED', outcome: 'RESOLVED', firstContact: '2026-11-20T09:00:00Z',
      lastContact: '2026-11-20T09:05:00Z', messages: 2, excerpt: 'I was charged twice <b>again</b>', readable: true },
    { caseId: 31, channel: 'SMS', topic: 'BILLING', status: 'RESOLVED', outcome: 'RESOLVED', firstContact: '2026-10-01T09:00:00Z',
      lastContact: '2026-10-01T09:00:00Z', messages: 1, excerpt: null, readable: false },
  ],
};

let posts: { url: string; body: unknown }[] = [];
let zoneBefore: string | undefined;

beforeEach(() => {
  // Times are the browser's: pin a zone that is not UTC, whatever the machine's.
  zoneBefore = process.env.TZ;
  process.env.TZ = 'Europe/Berlin';
  posts = [];
  handoverCalls = 0;
  shownCase = caseView;
  shownTimeline = timeline;
  routing = placedInGeneral;
  submitAnswer = () => json({ caseId: 42, status: 'RESOLVED' });
  vi.stubGlobal('EventSource', FakeStream);
  vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => {
    if (init?.method === 'POST') {
      posts.push({ url, body: init.body === undefined ? null : JSON.parse(String(init.body)) });
      if (url.startsWith('/api/cases/42/form')) return submitAnswer();
      if (url === '/api/desk/cases/42/release') return json({ caseId: 42, queue: 'general' });
      return json({ caseId: 42, interactionId: 9 }, 201);
    }
    if (url === '/api/cases/42') return json(shownCase);
    if (url === '/api/cases/42/timeline') return json(shownTimeline);
    if (url === '/api/cases/42/handover') return json(handover());
    if (url === '/api/cases/42/form') return json(step);
    if (url === '/api/cases/42/repeats') return json(repeats);
    return json({ title: 'Not Found' }, 404);
  }));
  Element.prototype.scrollIntoView = () => undefined;
});

afterEach(() => {
  vi.unstubAllGlobals();
  process.env.TZ = zoneBefore;
});

/** Opens case 42 as resolved and records every address the view asks. */
function askedOfResolvedCase(): string[] {
  const asked: string[] = [];
  const answer = (fetch as unknown as { getMockImplementation: () => (url: string, init?: RequestInit) => Promise<Response> })
    .getMockImplementation();
  vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => {
    asked.push(url);
    return url === '/api/cases/42' ? json({ ...caseView, status: 'RESOLVED' }) : answer(url, init);
  }));
  return asked;
}

async function opened() {
  const view = mount(CaseView, { props: { caseId: 42, me: 'agent' }, attachTo: document.body });
  await flushPromises();
  return view;
}

/** Waits for form-js to draw the step's form (a chunk loaded on first use) and writes the resolution into it. */
async function resolution(view: ReturnType<typeof mount>, text: string) {
  await vi.waitFor(() => expect(view.find('#step-form').attributes('data-state')).toBe('ready'), { timeout: 15000 });
  const field = view.find('#step-form textarea').element as HTMLTextAreaElement;
  field.focus();
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  // form-js takes a typed value after a pause of 300 ms, or when the field is left.
  await new Promise(done => setTimeout(done, 350));
  field.dispatchEvent(new FocusEvent('blur'));
  await flushPromises();
}

// Tests with the step's form load the form-js chunk: slow on a busy machine.
describe('CaseView', { timeout: 30000 }, () => {
  it('a case a colleague holds is read, not answered: no reply box, no form, no one-click answer; a supervisor takes it over', async () => {
    const tech = mount(CaseView, { props: { caseId: 42, me: 'tech' }, attachTo: document.body });
    await flushPromises();
    expect(tech.find('#held-note').text()).toContain('agent is working on this case');
    expect(tech.find('#reply-form').exists()).toBe(false);
    expect(tech.find('#step-form').exists()).toBe(false);
    tech.unmount();
    const supervisor = mount(CaseView, { props: { caseId: 42, me: 'supervisor', takesOver: true }, attachTo: document.body });
    await flushPromises();
    expect(supervisor.find('#held-note').exists()).toBe(false);
    expect(supervisor.find('#reply-form').exists()).toBe(true);
    expect(supervisor.find('#takeover-note').text()).toContain('agent holds this case');
    supervisor.unmount();
  });

  it('puts guidance right after the reply box, the customer and the handover before the resolve form (one column on a phone)', async () => {
    const view = await opened();
    // A narrow screen shows the case in one column, in the page's order: that order is what the agent scrolls through.
    const order = ['#reply-form', '#guidance', '#contact-title', '#repeats', '#handover-title', '#step-form']
      .map(selector => view.find(selector).element);
    order.slice(1).forEach((element, i) => expect(order[i].compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING,
      'after ' + order[i].id).toBeTruthy());
    view.unmount();
  });

  it('says the case follows live as a state ("Updating live"), not as a bare word under the mood curve', async () => {
    const view = await opened();
    expect(view.find('.head-mood .live-state').text()).toBe('Connecting…');
    FakeStream.last!.emit('ready', {});
    await flushPromises();
    expect(view.find('.head-mood .live-state').text()).toBe('Updating live');
    view.unmount();
  });

  it('says who holds the case, and that nobody does while it waits in the queue or is with the assistant', async () => {
    const held = await opened();
    expect(held.find('#case-holder').text()).toBe('Held by you');
    held.unmount();
    shownCase = { ...caseView, assignee: null };
    const waiting = await opened();
    expect(waiting.find('#case-holder').text()).toBe('Nobody holds it yet: waiting in the queue');
    waiting.unmount();
    shownCase = { ...caseView, assignee: null, status: 'SELF_SERVICE' };
    const assistant = await opened();
    expect(assistant.find('#case-holder').text()).toBe('With the assistant: nobody holds it');
    assistant.unmount();
  });

  it('shows under each reply how far it got, and says at once when one was not sent', async () => {
    const view = await opened();
    expect(view.find('#timeline li[data-id="30"] .delivery').text()).toBe('Sent');
    FakeStream.last!.emit('delivery', { caseId: 42, interactionId: 30, delivery: 'FAILED',
      error: 'sending by SMS is switched off on this server' });
    await flushPromises();
    const failed = view.find('#timeline li[data-id="30"] .delivery');
    expect(failed.text()).toBe('Not sent: sending by SMS is switched off on this server');
    expect(failed.classes()).toContain('failed');
    expect(view.find('#case-status').text()).toContain('A reply was not sent');
    // The handover, which says whether the last reply reached the customer, is read again.
    const handoverReads = handoverCalls;
    await new Promise(done => setTimeout(done, 450));
    await flushPromises();
    expect(handoverCalls).toBeGreaterThan(handoverReads);
    // A live copy of the entry (without a delivery) does not wipe what was shown.
    FakeStream.last!.emit('entry', { id: 30, kind: 'OUTBOUND', channel: 'EMAIL', author: 'agent', text: 'We are looking into it',
      at: '2026-12-01T10:00:02Z' });
    await flushPromises();
    expect(view.find('#timeline li[data-id="30"] .delivery').text()).toContain('Not sent');
    view.unmount();
  });

  it('shows the case with customer, state, queue and the conversation, customer text as text', async () => {
    const view = await opened();
    expect(view.find('#case-title').text()).toContain('Router down');
    expect(view.find('#case-customer').text()).toBe('Nora Example');
    expect(view.find('#case-state').text()).toBe('Escalated');
    expect(view.find('#case-priority').text()).toBe('High');
    expect(view.find('.case-head').text()).toContain('Held by you');
    expect(view.find('#customer-tier').text()).toBe('Standard');
    expect(view.find('#identities').text()).toBe('Email nora@example.com');
    expect(view.find('#routing').text().replace(/\s+/g, ' ')).toContain('Queue general, priority high. Because: negative mood');
    expect(view.find('#case-mood').text()).toBe('Negative, getting worse');
    expect(view.find('#timeline li.msg.customer .text').text()).toBe('My router is down');
    expect(view.find('#timeline li.msg.customer .author').text()).toBe('Nora Example');
    expect(view.find('#timeline li.msg.customer .msg-mood').text()).toBe('Negative');
    expect(view.find('#timeline li.msg.customer time').text()).toBe('1 Dec 2026, 11:00');
    expect(view.find('#timeline li.ROUTING').text()).toContain('Queue general → billing');
    expect(view.find('#reply-form').exists()).toBe(true);
    view.unmount();
  });

  it('says where the case is now beside the rules\' placement, once a supervisor raised its priority', async () => {
    routing = { ...placedInGeneral, decidedAt: '2026-12-01T10:00:01Z' };
    const view = await opened();
    expect(view.find('#routing-now').exists()).toBe(false);
    FakeStream.last!.emit('case', { caseId: 42, status: 'ESCALATED', queue: 'general', priority: 90, assignee: 'agent', sentiment: null });
    await flushPromises();
    expect(view.find('#case-priority').text()).toBe('Urgent');
    expect(view.find('#routing-now').text()).toBe('Now: Queue general, priority urgent.');
    expect(view.find('#routing').text().replace(/\s+/g, ' '))
      .toContain('At handover, 1 Dec 2026, 11:00: queue general, priority high. Because: negative mood');
    view.unmount();
  });

  it('says a case the rules gave the assistant went on to a person, and why, not "Self-service"', async () => {
    routing = { selfService: true, queue: 'general', priority: 50, reasons: ['A message about the account needs someone who may change accounts'],
      handedToPerson: 'the assistant handed it to a person in queue general: it was not sure enough to answer (15 %)' };
    const view = await opened();
    const text = view.find('#routing').text().replace(/\s+/g, ' ');
    expect(text).toContain('The assistant handed it to a person in queue general: it was not sure enough to answer (15 %).');
    expect(text).toContain('The rules had chosen self-service, because: A message about the account');
    expect(text).not.toMatch(/^Self-service\./);
    view.unmount();
  });

  it('lists the earlier cases about the same issue, excerpts as text, none for a case the reader may not open', async () => {
    const view = await opened();
    const panel = view.find('#repeats');
    expect(panel.find('#repeat-count').text()).toBe('Contact 3 about this issue in 90 days.');
    const rows = panel.findAll('li.repeat');
    expect(rows).toHaveLength(2);
    expect(rows[0].text()).toContain('#40');
    expect(rows[0].find('.badge').text()).toBe('resolved');
    expect(rows[0].text()).toContain('Web chat ·');
    expect(rows[1].text()).toContain('SMS ·');
    expect(rows[0].find('.excerpt').text()).toBe('“I was charged twice <b>again</b>”');
    expect(rows[0].find('b').exists()).toBe(false);
    expect(rows[1].text()).toContain('in a queue you do not work');
    view.unmount();
  });

  it('sends the reply with Ctrl+Enter and says so', async () => {
    const view = await opened();
    await view.find('#reply-text').setValue('We are on it.');
    await view.find('#reply-text').trigger('keydown', { key: 'Enter', ctrlKey: true });
    await flushPromises();
    expect(posts.find(p => p.url.endsWith('/replies'))?.body).toEqual({ text: 'We are on it.' });
    expect(view.find('#reply-status').text()).toBe('Reply added; whether it reached the customer shows under it.');
    expect((view.find('#reply-text').element as HTMLTextAreaElement).value).toBe('');
    view.unmount();
  });

  it('says Ctrl+Enter sends for a keyboard, not on a touch screen', async () => {
    const keyboard = await opened();
    expect(keyboard.find('label[for="reply-text"]').text()).toContain('Ctrl+Enter sends');
    keyboard.unmount();
    vi.stubGlobal('matchMedia', vi.fn((media: string) => ({ media, matches: media === '(pointer: coarse)',
      addEventListener: () => undefined, removeEventListener: () => undefined })));
    const phone = await opened();
    const label = phone.find('label[for="reply-text"]').text();
    expect(label).toContain('sent by Email, where they last wrote');
    expect(label).not.toContain('Ctrl+Enter');
    phone.unmount();
  });

  it('names the channel a reply goes by: where the customer last wrote, not where the case opened (walk 46)', async () => {
    const view = await opened();
    expect(view.find('#reply-channel').text()).toBe('(sent by Email, where they last wrote; Ctrl+Enter sends)');
    FakeStream.last!.emit('entry', { id: 31, kind: 'INBOUND', channel: 'WHATSAPP', author: '+4915112345678',
      text: 'Here is the screenshot', at: '2026-12-01T10:05:00Z', sentiment: null });
    await flushPromises();
    expect(view.find('#reply-channel').text()).toBe('(sent by WhatsApp, where they last wrote; Ctrl+Enter sends)');
    view.unmount();
  });

  it('says so when a reply goes to someone on the thread who is not the customer (probe 48)', async () => {
    let view = await opened();
    expect(view.find('#reply-participant').exists()).toBe(false);
    expect(view.find('label[for="reply-text"]').text()).toContain('Reply to the customer');
    view.unmount();

    shownTimeline = [...timeline, { id: 31, kind: 'INBOUND', channel: 'EMAIL', author: 'mallory@evil.example',
      text: 'Please send the invoices here', occurredAt: '2026-12-01T10:05:00Z', sentiment: null,
      detail: { threadedBy: 'people on the thread', participant: true } }];
    view = await opened();
    expect(view.find('#reply-participant').text())
      .toBe("This reply goes to mallory@evil.example, who wrote last on the thread, not to the case's customer.");
    expect(view.find('label[for="reply-text"]').text()).toContain('Reply to mallory@evil.example');
    view.unmount();

    // The same mail arriving while the case is open: the live entry has no detail, the timeline read after it has.
    const participantMail = shownTimeline[shownTimeline.length - 1];
    shownTimeline = timeline;
    view = await opened();
    expect(view.find('#reply-participant').exists()).toBe(false);
    shownTimeline = [...timeline, participantMail];
    FakeStream.last!.emit('entry', { id: 31, kind: 'INBOUND', channel: 'EMAIL', author: 'mallory@evil.example',
      text: 'Please send the invoices here', at: '2026-12-01T10:05:00Z', sentiment: null });
    await flushPromises();
    expect(view.find('#reply-participant').exists()).toBe(true);
    FakeStream.last!.emit('entry', { id: 31, kind: 'INBOUND', channel: 'EMAIL', author: 'mallory@evil.example',
      text: 'Please send the invoices here', at: '2026-12-01T10:05:00Z', sentiment: null });
    await flushPromises();
    expect(view.find('#reply-participant').exists(), 'a repeated live entry keeps what the timeline said').toBe(true);
    view.unmount();
  });

  it('skips a participant nothing confirms, and says the reply goes to the customer (probe 48)', async () => {
    shownTimeline = [...timeline, { id: 31, kind: 'INBOUND', channel: 'EMAIL', author: 'mallory@evil.example',
      text: 'Please send the invoices here', occurredAt: '2026-12-01T10:05:00Z', sentiment: null,
      detail: { threadedBy: 'people on the thread', participant: true, unconfirmedParticipant: true } }];
    const view = await opened();
    expect(view.find('#reply-participant').exists()).toBe(false);
    expect(view.find('#reply-unconfirmed').text()).toContain('mallory@evil.example wrote last, but nothing confirms');
    expect(view.find('#reply-unconfirmed').text()).toContain('this reply goes to the customer.');
    expect(view.find('label[for="reply-text"]').text()).toContain('Reply to the customer');
    view.unmount();
  });

  it('gives a case the agent holds back to its queue, and offers it only to its holder (walk 48)', async () => {
    vi.stubGlobal('confirm', vi.fn(() => true));
    const view = await opened();
    expect(view.find('#case-holder').text()).toBe('Held by you');
    await view.find('#give-back').trigger('click');
    await flushPromises();
    expect(posts.map(p => p.url)).toContain('/api/desk/cases/42/release');
    expect(view.find('#case-holder').text()).toBe('Nobody holds it yet: waiting in the queue');
    expect(view.find('#give-back').exists()).toBe(false);
    expect(view.text()).toContain('Case 42 waits in queue general again: whoever of it is free takes it.');
    view.unmount();

    shownCase = { ...caseView, assignee: 'colleague' };
    const other = await opened();
    expect(other.find('#give-back').exists(), "a colleague's case is not the agent's to give back").toBe(false);
    other.unmount();
  });

  it('keeps the keyboard on Send reply while the reply goes out, as a browser would otherwise drop it to the page', async () => {
    // Chromium moves the focus off a button that turns disabled, to <body>: the next Tab starts at the top of the page
    // (walk 50: Send reply, Save changes, Find, Save as new version). This stands in for the browser's rule.
    const fixup = new MutationObserver(records => records.forEach(r => {
      const el = r.target as HTMLButtonElement;
      if (!el.disabled || document.activeElement !== el) return;
      // jsdom blurs no disabled element: focus a stand-in and drop it, which leaves the focus on <body>.
      const standIn = document.body.appendChild(document.createElement('input'));
      standIn.focus();
      standIn.remove();
    }));
    fixup.observe(document.body, { attributes: true, attributeFilter: ['disabled'], subtree: true });
    let answer: () => void = () => undefined;
    const answered = fetch as unknown as { getMockImplementation: () => (url: string, init?: RequestInit) => Promise<Response> };
    const usual = answered.getMockImplementation();
    vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => url.endsWith('/replies')
      ? new Promise<Response>(done => { answer = () => done(new Response(JSON.stringify({ caseId: 42, interactionId: 9 }),
        { status: 201, headers: { 'Content-Type': 'application/json' } })); })
      : usual(url, init)));
    try {
      const view = await opened();
      await view.find('#reply-text').setValue('We are on it.');
      const send = view.find('#reply-send').element as HTMLButtonElement;
      send.focus();
      await view.find('#reply-form').trigger('submit');
      await flushPromises();
      expect(send.disabled, 'busy while the reply goes out').toBe(true);
      expect(document.activeElement).not.toBe(send);
      answer();
      await flushPromises();
      expect(send.disabled).toBe(false);
      expect(document.activeElement, 'the focus is back where the agent left it').toBe(send);
      view.unmount();
    } finally {
      fixup.disconnect();
    }
  });

  it('says "Reply added" beside the reply box, not above it, and lets it go after a while or when the agent types', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const view = await opened();
      const sendOne = async (text: string) => {
        await view.find('#reply-text').setValue(text);
        await view.find('#reply-form').trigger('submit');
        await flushPromises();
      };
      await sendOne('We are on it.');
      expect(view.find('#reply-form #reply-status').text()).toBe('Reply added; whether it reached the customer shows under it.');
      expect(view.find('#case-status').text(), 'nothing left between the conversation and the reply box').toBe('');
      vi.advanceTimersByTime(9000);
      await flushPromises();
      expect(view.find('#reply-status').text()).toBe('');

      await sendOne('One more thing.');
      expect(view.find('#reply-status').text()).not.toBe('');
      await view.find('#reply-text').setValue('A');
      expect(view.find('#reply-status').text()).toBe('');
      view.unmount();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a refused reply\'s reason beside the box until the agent types again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const view = await opened();
      const answer = (fetch as unknown as { getMockImplementation: () => (url: string, init?: RequestInit) => Promise<Response> })
        .getMockImplementation();
      vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => url.endsWith('/replies')
        ? json({ title: 'Conflict', detail: 'The case is resolved' }, 409) : answer(url, init)));
      await view.find('#reply-text').setValue('We are on it.');
      await view.find('#reply-form').trigger('submit');
      await flushPromises();
      const said = view.find('#reply-status');
      expect(said.text()).toContain('The case is resolved');
      expect(said.classes()).toContain('error');
      vi.advanceTimersByTime(60000);
      await flushPromises();
      expect(view.find('#reply-status').text()).toContain('The case is resolved');
      await view.find('#reply-text').setValue('We are on it!');
      expect(view.find('#reply-status').text()).toBe('');
      view.unmount();
    } finally {
      vi.useRealTimers();
    }
  });

  it('becomes read-only once resolved through the step\'s form: no reply box, no form, a note instead', async () => {
    const view = await opened();
    await resolution(view, 'Line reset by the provider.');
    await view.find('#step-submit').trigger('click');
    await flushPromises();
    expect(posts.find(p => p.url.startsWith('/api/cases/42/form'))).toEqual({ url: '/api/cases/42/form?taskId=t-42',
      body: { resolution: 'Line reset by the provider.' } });
    expect(view.find('#case-state').text()).toBe('Resolved');
    expect(view.find('#case-status').text()).toBe('Case 42 is resolved.');
    expect(view.find('#reply-form').exists()).toBe(false);
    expect(view.find('#step-form').exists()).toBe(false);
    expect(view.find('#read-only-note').text()).toContain('read-only');
    expect(document.activeElement?.id, 'the keyboard goes on from the case, not the page').toBe('case-title');
    view.unmount();
  });

  it('lets "Case 42 is resolved." go when the customer writes again and the case reopens (walk 48)', async () => {
    const view = await opened();
    await resolution(view, 'Unlocked the account.');
    await view.find('#step-submit').trigger('click');
    await flushPromises();
    expect(view.find('#case-status').text()).toBe('Case 42 is resolved.');

    FakeStream.last!.emit('case', { caseId: 42, status: 'ESCALATED', queue: 'general', priority: 80, assignee: 'agent', sentiment: null });
    await flushPromises();

    expect(view.find('#case-state').text()).toBe('Escalated');
    expect(view.find('#case-status').text()).toBe('');
    view.unmount();
  });

  it('asks before resolving a case whose last reply was not sent, and resolves nothing when told no (walk 46)', async () => {
    const confirm = vi.fn((_question: string) => false);
    vi.stubGlobal('confirm', confirm);
    const view = await opened();
    FakeStream.last!.emit('delivery', { caseId: 42, interactionId: 30, delivery: 'FAILED',
      error: 'sending by WhatsApp is switched off on this server' });
    await flushPromises();
    await resolution(view, 'Refund requested.');
    await view.find('#step-submit').trigger('click');
    await flushPromises();
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(confirm.mock.calls[0][0]).toContain('Your last reply did not reach the customer (sending by WhatsApp is switched off');
    expect(posts.filter(p => p.url.startsWith('/api/cases/42/form'))).toHaveLength(0);
    expect(view.find('#case-status').text()).toContain('Not resolved: the customer has not got your last reply');
    expect(view.find('#step-form').exists()).toBe(true);

    confirm.mockReturnValue(true);
    await view.find('#step-submit').trigger('click');
    await flushPromises();
    expect(posts.filter(p => p.url.startsWith('/api/cases/42/form'))).toHaveLength(1);
    expect(view.find('#case-state').text()).toBe('Resolved');
    view.unmount();
  });

  it('opens a resolved case read-only without asking for a step it cannot have', async () => {
    const asked = askedOfResolvedCase();
    const view = await opened();
    expect(view.find('#read-only-note').exists()).toBe(true);
    expect(view.find('#step-form').exists()).toBe(false);
    expect(asked).toContain('/api/cases/42/timeline');
    expect(asked).not.toContain('/api/cases/42/form');
  });

  it('asks for a step only once the reopened case can have one: not while it is new or with the assistant (walk 48)', async () => {
    const asked = askedOfResolvedCase();
    const view = await opened();
    for (const status of ['NEW', 'SELF_SERVICE']) {
      FakeStream.last!.emit('case', { caseId: 42, status, queue: 'general', priority: 80, assignee: null, sentiment: null });
      await flushPromises();
    }
    expect(asked).not.toContain('/api/cases/42/form');
    FakeStream.last!.emit('case', { caseId: 42, status: 'ESCALATED', queue: 'general', priority: 80, assignee: null, sentiment: null });
    await flushPromises();
    expect(asked).toContain('/api/cases/42/form');
    view.unmount();
  });

  it('names the fields the server refused beside the form, and keeps the case open', async () => {
    submitAnswer = () => json({ title: 'Invalid request', detail: 'resolution: must have at most 10 characters',
      errors: [{ field: 'resolution', message: 'must have at most 10 characters' }] }, 400);
    const view = await opened();
    await resolution(view, 'A resolution that is too long');
    await view.find('#step-submit').trigger('click');
    await flushPromises();
    expect(view.find('#step-errors').text()).toBe('resolution must have at most 10 characters');
    expect(view.find('#case-status').text()).toBe('resolution: must have at most 10 characters');
    expect(view.find('#case-state').text()).toBe('Escalated');
    view.unmount();
  });

  it('keeps the header current from the case stream, and turns read-only when someone else closes the case', async () => {
    const view = await opened();
    FakeStream.last!.emit('case', { caseId: 42, status: 'ESCALATED', queue: 'billing', priority: 90, assignee: 'agent',
      sentiment: { score: 0.3, label: 'POSITIVE', trend: 'RISING' } });
    await flushPromises();
    expect(view.find('#case-queue').text()).toBe('billing');
    expect(view.find('#case-priority').text()).toBe('Urgent');
    expect(view.find('#case-priority').attributes('title')).toBe('Priority 90');
    expect(view.find('#case-mood').text()).toBe('Positive, improving');
    FakeStream.last!.emit('case', { caseId: 42, status: 'CLOSED', queue: 'billing', priority: 90, assignee: null, sentiment: null });
    await flushPromises();
    expect(view.find('#case-state').text()).toBe('Closed');
    expect(view.find('#reply-form').exists()).toBe(false);
    expect(view.find('#read-only-note').exists()).toBe(true);
    view.unmount();
  });

  it('keeps a reply being typed to copy when the case goes to a colleague meanwhile', async () => {
    const view = await opened();
    await view.find('#reply-text').setValue('Hello Karl, our technical team has a fix.');
    FakeStream.last!.emit('case', { caseId: 42, status: 'ESCALATED', queue: 'billing', priority: 90, assignee: 'senior', sentiment: null });
    await flushPromises();
    expect(view.find('#reply-form').exists()).toBe(false);
    expect(view.find('#unsent-reply').text()).toContain('Your reply was not sent: the case is with senior now');
    expect((view.find('#unsent-text').element as HTMLTextAreaElement).value).toBe('Hello Karl, our technical team has a fix.');
    await view.find('#unsent-discard').trigger('click');
    expect(view.find('#unsent-reply').exists()).toBe(false);
    view.unmount();
  });

  it('names a chat customer\'s address "Web chat visitor", the random visitor id only in its tooltip', async () => {
    const answer = (fetch as unknown as { getMockImplementation: () => (url: string, init?: RequestInit) => Promise<Response> })
      .getMockImplementation();
    vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => {
      if (url === '/api/cases/42/handover') {
        const h = handover();
        return json({ ...h, customer: { ...h.customer, displayName: null,
          identities: [{ kind: 'CHAT_VISITOR', address: 'v-bb501c10-5a0f-411e-bbad-fde13a64c5c4' }] } });
      }
      return answer(url, init);
    }));
    const view = await opened();
    expect(view.find('#identities').text()).toBe('Web chat visitor');
    expect(view.find('#identities .chat-visitor').attributes('title')).toBe('Visitor id: v-bb501c10-5a0f-411e-bbad-fde13a64c5c4');
    view.unmount();
  });

  it('shows a kept reply under its sentence, whole, with Copy that says it copied and Discard', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const view = await opened();
    await view.find('#reply-text').setValue('Hello Karl, our technical team has a fix.');
    FakeStream.last!.emit('case', { caseId: 42, status: 'ESCALATED', queue: 'billing', priority: 90, assignee: 'senior', sentiment: null });
    await flushPromises();
    // The sentence reads whole, the box with the words comes after it (not in the middle of the sentence).
    const why = view.find('#unsent-why');
    expect(why.text()).toBe('Your reply was not sent: the case is with senior now. Copy it if you need it.');
    expect(why.find('textarea').exists()).toBe(false);
    const box = view.find('#unsent-text');
    expect(why.element.compareDocumentPosition(box.element) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(box.attributes('readonly')).toBeDefined();
    await view.find('#unsent-copy').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith('Hello Karl, our technical team has a fix.');
    expect(view.find('#unsent-copied').text()).toBe('Copied.');
    expect(view.find('#unsent-copied').attributes('role')).toBe('status');
    await view.find('#unsent-discard').trigger('click');
    await flushPromises();
    expect(view.find('#unsent-reply').exists()).toBe(false);
    expect(document.activeElement?.tagName).toBe('H2');
    view.unmount();
    delete (navigator as { clipboard?: unknown }).clipboard;
  });

  it('shows guidance for the message the customer already waits on when the case opens, once', async () => {
    const view = await opened();
    const waiting = { entryId: 1, question: 'My router is down',
      suggestion: { answered: true, answer: 'Please restart the router.', topic: 'TECHNICAL', confidence: 0.9,
        confidenceLevel: 'high', articles: [] } };
    FakeStream.last!.emit('guidance', waiting);
    FakeStream.last!.emit('guidance', waiting); // again after a reconnect
    await flushPromises();
    expect(view.findAll('#guidance li.suggestion')).toHaveLength(1);
    expect(view.find('#guidance .question').text()).toBe('Customer: My router is down');
    expect(view.find('#guidance .answer').text()).toBe('Please restart the router.');
    view.unmount();
  });

  it('"Use this answer" fills an empty reply box, and adds to one the agent wrote in, their words kept', async () => {
    const waiting = { entryId: 1, question: 'My router is down',
      suggestion: { answered: true, answer: 'Please restart the router.', topic: 'TECHNICAL', confidence: 0.9,
        confidenceLevel: 'high', articles: [] } };
    const view = await opened();
    FakeStream.last!.emit('guidance', waiting);
    await flushPromises();
    const box = () => view.find('#reply-text').element as HTMLTextAreaElement;
    await view.find('.use-suggestion').trigger('click');
    await flushPromises();
    expect(box().value).toBe('Please restart the router.');
    expect(view.find('#reply-status').text()).toBe('');

    await view.find('#reply-text').setValue('Hello Nora, sorry for the trouble.\n');
    await view.find('.use-suggestion').trigger('click');
    await flushPromises();
    expect(box().value).toBe('Hello Nora, sorry for the trouble.\n\nPlease restart the router.');
    expect(document.activeElement).toBe(box());
    expect(box().selectionStart).toBe(box().value.length);
    expect(box().selectionEnd).toBe(box().value.length);
    expect(view.find('#reply-status').text()).toBe('The suggestion was added after your text.');
    view.unmount();
  });

  it('lets the keyboard reach and scroll the conversation, named by its heading', async () => {
    const view = await opened();
    const timeline = view.find('#timeline');
    expect(timeline.attributes('tabindex')).toBe('0');
    const named = document.getElementById(timeline.attributes('aria-labelledby') ?? '');
    expect(named?.textContent).toBe('Conversation');
    (timeline.element as HTMLElement).focus();
    expect(document.activeElement).toBe(timeline.element);
    view.unmount();
  });

  it('adds a live message as text, with guidance, and reads the handover again', async () => {
    const view = await opened();
    // An answer without a transcript (an older server) shows the server's own summary.
    expect(view.find('#summary').text()).toBe('Summary #1');
    FakeStream.last!.emit('entry', { id: 3, kind: 'INBOUND', channel: 'EMAIL', author: 'nora@example.com',
      text: 'Still down <img src=x onerror=alert(1)>', at: '2026-12-01T10:05:00Z', sentiment: { score: -0.7, label: 'NEGATIVE' },
      suggestion: { answered: true, answer: 'Unrelated', topic: 'BILLING', confidence: 0.2, confidenceLevel: 'low', articles: [] } });
    await flushPromises();
    expect(view.find('#timeline li.fresh .text').text()).toBe('Still down <img src=x onerror=alert(1)>');
    expect(view.find('img').exists()).toBe(false);
    expect(view.find('.suggestion .no-suggestion').exists()).toBe(true);
    expect(view.find('.use-suggestion').exists()).toBe(false);
    await vi.waitFor(() => expect(view.find('#summary').text()).toBe('Summary #2'));
    view.unmount();
  });

  it('tells the handover in words: channels, tier, topic, priority and status as people read them', async () => {
    const answer = (fetch as unknown as { getMockImplementation: () => (url: string, init?: RequestInit) => Promise<Response> })
      .getMockImplementation();
    vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => url !== '/api/cases/42/handover' ? answer(url, init)
      : json({
        ...handover(), summary: 'Nora Example (STANDARD) wrote 2 messages via SMS, WHATSAPP',
        transcript: [
          { direction: 'INBOUND', channel: 'SMS', author: '+4917', text: 'My   router\nis down', at: '2026-12-01T10:00:00Z' },
          { direction: 'OUTBOUND', channel: 'SMS', author: 'assistant', text: 'Please restart it', at: '2026-12-01T10:01:00Z' },
          { direction: 'INBOUND', channel: 'WHATSAPP', author: '+4917', text: 'Still down', at: '2026-12-01T10:05:00Z' },
        ],
        assistant: [{ question: 'My router is down', answered: true, answer: 'Please restart it', topic: 'TECHNICAL',
          confidence: 0.8, declineReason: null, sources: [] }],
        earlierCases: [{ id: 40, status: 'RESOLVED', subject: 'Invoice', channel: 'EMAIL', openedAt: '2026-11-20T09:00:00Z' }],
      })));
    const view = await opened();
    const summary = view.find('#summary').text();
    expect(summary).toBe('Nora Example (Standard) wrote 2 messages via SMS, WhatsApp, first: "My router is down"; '
      + 'latest: "Still down". The assistant tried 1 time (1 answered); last: answered about technical with high confidence. '
      + 'Routing: queue general, priority high, because negative mood. 1 earlier case, latest #40 (resolved: Invoice).');
    expect(view.find('#tries').text()).toContain('Answered (technical, high confidence)');
    expect(view.find('#earlier').text()).toContain('Resolved');
    expect(view.find('#earlier').text()).toContain('20 Nov 2026, 10:00');
    view.unmount();
  });

  it('says what the customer answered to the assistant\'s answer (walk 47: "Answered" after a "No … a person")', async () => {
    const answer = (fetch as unknown as { getMockImplementation: () => (url: string, init?: RequestInit) => Promise<Response> })
      .getMockImplementation();
    vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => url !== '/api/cases/42/handover' ? answer(url, init)
      : json({
        ...handover(),
        transcript: [
          { direction: 'INBOUND', channel: 'CHAT', author: 'v1', text: 'You charged me again after I cancelled', at: '2026-12-05T10:11:00Z' },
          { direction: 'OUTBOUND', channel: 'CHAT', author: 'assistant', text: 'You can cancel at any time', at: '2026-12-05T10:12:00Z' },
          { direction: 'INBOUND', channel: 'CHAT', author: 'v1', text: 'No. Let me talk to a person.', at: '2026-12-05T10:13:00Z' },
        ],
        assistant: [{ question: 'You charged me again after I cancelled', answered: true, answer: 'You can cancel at any time',
          topic: 'BILLING', confidence: 0.9, declineReason: null, sources: [], customerReaction: 'REJECTED_AND_ASKED_FOR_PERSON' }],
      })));
    const view = await opened();
    expect(view.find('#tries').text())
      .toContain('Answered (billing, high confidence); the customer said it did not help and asked for a person');
    expect(view.find('#summary').text())
      .toContain('last: answered about billing with high confidence; the customer said it did not help and asked for a person.');
    view.unmount();
  });

  it('shows a re-assessment that decided the same as "no change", not the same line twice', async () => {
    const view = await opened();
    const decision = 'Escalate to billing, priority 50: a billing question goes to billing';
    FakeStream.last!.emit('entry', { id: 5, kind: 'DECISION', text: decision, at: '2026-12-01T10:06:00Z' });
    FakeStream.last!.emit('entry', { id: 6, kind: 'INBOUND', channel: 'SMS', author: '+4915112345678', text: 'Screenshot',
      at: '2026-12-01T10:07:00Z' });
    FakeStream.last!.emit('entry', { id: 7, kind: 'DECISION', text: decision, at: '2026-12-01T10:07:01Z' });
    FakeStream.last!.emit('entry', { id: 8, kind: 'DECISION', text: 'Escalate to senior, priority 90: an angry VIP',
      at: '2026-12-01T10:08:00Z' });
    await flushPromises();
    const decisions = view.findAll('#timeline li[data-kind="DECISION"] .event-text');
    expect(decisions.map(d => d.text())).toEqual([decision, 'Re-assessed: no change', 'Escalate to senior, priority 90: an angry VIP']);
    expect(decisions[1].attributes('title')).toBe(decision);
    view.unmount();
  });

  it('says who holds a case a colleague holds, and never also that nobody holds it', async () => {
    // The case is ESCALATED and held by `agent`; `tech` reads it, a supervisor takes it over.
    for (const props of [{ me: 'tech' }, { me: 'supervisor', takesOver: true }]) {
      const view = mount(CaseView, { props: { caseId: 42, ...props }, attachTo: document.body });
      await flushPromises();
      const holder = view.findAll('#case-holder');
      expect(holder.map(h => h.text())).toEqual(['Held by agent']);
      expect(view.find('.case-head').text()).not.toContain('Nobody holds it');
      view.unmount();
    }
    // Nobody holds it: the queue waits for someone.
    shownCase = { ...caseView, assignee: null };
    const waiting = await opened();
    expect(waiting.find('#case-holder').text()).toBe('Nobody holds it yet: waiting in the queue');
    waiting.unmount();
  });

  it('shows the problem when the case cannot be read', async () => {
    const refused = (status: number, title: string, detail: string) => {
      vi.stubGlobal('fetch', vi.fn((url: string) => url === '/api/cases/42' ? json({ title, detail }, status) : json([])));
      return opened();
    };
    const view = await refused(403, 'Forbidden', 'Case 42 is not in your queues');
    // Said in words, with what to do: not the status's name.
    expect(view.find('#case-error h2').text()).toBe('Case #42 is not yours to open');
    expect(view.find('#case-error').text()).toContain('Case 42 is not in your queues');
    expect(view.find('#case-error').text()).toContain('A supervisor can move it to one of your queues or hand it to you.');
    expect(view.find('#case-error').text()).not.toContain('Forbidden');
    // Trying again cannot help with a case out of reach, nor with one that does not exist; it can with a failed server.
    expect(view.find('#case-error button').exists()).toBe(false);
    view.unmount();

    const missing = await refused(404, 'Not Found', 'Case 42 does not exist');
    expect(missing.find('#case-error h2').text()).toBe('There is no case #42');
    expect(missing.find('#case-error button').exists()).toBe(false);
    missing.unmount();

    const down = await refused(503, 'Service Unavailable', 'Try again shortly');
    expect(down.find('#case-error button').text()).toBe('Try again');
    down.unmount();
  });
});
