import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AuditWorkspace from './AuditWorkspace.vue';
import type { Me } from '../lib/session';

const json = (body: unknown, status = 200) =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));

const auditor: Me = { username: 'auditor', displayName: 'Ada Auditor', roles: ['AUDITOR'], pages: [] };
const resolvedCase = {
  id: 12, customerId: 7, status: 'RESOLVED', subject: 'Charged twice', channel: 'EMAIL', queue: 'billing',
  openedAt: '2026-12-03T22:00:00Z', closedAt: null,
};
const entry = {
  seq: 5, kind: 'message.in', caseId: 12, customerId: 7, actor: 'customer', occurredAt: '2026-12-03T22:23:19Z',
  content: { channel: 'SMS', text: 'I was charged twice' }, pseudonymised: false, contentDigest: 'd'.repeat(64),
  prevHash: 'a'.repeat(64), hash: 'b'.repeat(64),
};

let zoneBefore: string | undefined;
beforeEach(() => {
  zoneBefore = process.env.TZ;
  process.env.TZ = 'Europe/Berlin';
  vi.stubGlobal('fetch', vi.fn((url: string) => {
    if (url.startsWith('/api/audit/find')) return json({ cases: [resolvedCase], customers: [{ id: 7, name: 'Nora Example', cases: 1 }] });
    if (url === '/api/audit/cases/12/trace') {
      return json({ caseSummary: resolvedCase, customerId: 7, customerName: 'Nora Example', cases: [resolvedCase], entries: [entry], ruleSets: {} });
    }
    if (url === '/api/audit/customers/7/trace') {
      return json({ caseSummary: null, customerId: 7, customerName: 'Nora Example', cases: [resolvedCase], entries: [entry], ruleSets: {} });
    }
    if (url === '/api/audit/verification') {
      return json({ valid: true, entries: 1, headSeq: 5, headHash: 'b'.repeat(64), firstBroken: null, checkpoints: 1, verifiedAt: entry.occurredAt });
    }
    return json({ title: 'Not Found' }, 404);
  }));
});

afterEach(() => {
  vi.unstubAllGlobals();
  process.env.TZ = zoneBefore;
});

async function found() {
  const page = mount(AuditWorkspace, { props: { me: auditor } });
  await page.find('#audit-query').setValue('Nora');
  await page.find('form.find').trigger('submit');
  await flushPromises();
  return page;
}

describe('AuditWorkspace', () => {
  it('after an erasure the results above no longer list the erased customer', async () => {
    let erased = false;
    const answer = (fetch as unknown as { getMockImplementation: () => (url: string, init?: RequestInit) => Promise<Response> })
      .getMockImplementation();
    vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => {
      if (url === '/api/audit/customers/7/erasure' && init?.method === 'POST') {
        erased = true;
        return json({ customerId: 7, cases: [12], auditEntriesPseudonymised: 3, stores: ['MariaDB: customer, identities', 'Camunda: runtime and history'],
          erasedBy: 'admin', erasedAt: entry.occurredAt });
      }
      if (url.startsWith('/api/audit/find') && erased) return json({ cases: [], customers: [] });
      return answer(url, init);
    }));
    const admin: Me = { username: 'admin', displayName: 'Ada Admin', roles: ['ADMIN'], pages: [] };
    const page = mount(AuditWorkspace, { props: { me: admin } });
    await page.find('#audit-query').setValue('Nora');
    await page.find('form.find').trigger('submit');
    await flushPromises();
    expect(page.find('.results').text()).toContain('Customer #7');
    await page.findAll('.results button').find(b => b.text() === 'Customer #7')!.trigger('click');
    await flushPromises();
    await page.find('#erase-reason').setValue('Art. 17 request');
    await page.find('#erase-confirm').setValue('7');
    await page.find('.erase button.danger').trigger('click');
    await flushPromises();
    expect(erased).toBe(true);
    // The search above no longer lists the erased customer, and says no stale "Nothing found." over their trace.
    expect(page.find('.results').exists()).toBe(false);
    expect(page.text()).not.toContain('Nothing found.');
    // What was done: a short heading, then a list, and no second erase form.
    const done = page.find('#erased');
    expect(done.find('h3').text()).toBe('Customer #7 was erased.');
    expect(done.text()).toContain('3 Dec 2026, 23:23, by admin');
    expect(done.findAll('.stores li').map(li => li.text())).toEqual(['MariaDB: customer, identities', 'Camunda: runtime and history']);
    expect(page.find('#erase-reason').exists()).toBe(false);
    expect(page.find('.erase button.danger').exists()).toBe(false);
  });

  it('does not offer to erase a customer the trail says was erased, and names them once', async () => {
    const erasedEntry = {
      ...entry, seq: 9, kind: 'customer.erased', caseId: null, customerId: 38, actor: 'admin',
      content: { cases: [12], reason: 'Art. 17', auditEntriesPseudonymised: 4, stores: ['audit trail: content dropped, hashes kept'] },
    };
    vi.stubGlobal('fetch', vi.fn((url: string) => {
      if (url === '/api/audit/customers/38/trace') {
        return json({ caseSummary: null, customerId: 38, customerName: 'Customer #38', cases: [], entries: [erasedEntry], ruleSets: {} });
      }
      if (url === '/api/audit/customers/7/trace') {
        return json({ caseSummary: null, customerId: 7, customerName: 'Nora Example', cases: [], entries: [entry], ruleSets: {} });
      }
      return json({ title: 'Not Found' }, 404);
    }));
    history.replaceState(null, '', '?customer=38');
    const admin: Me = { username: 'admin', displayName: 'Ada Admin', roles: ['ADMIN'], pages: [] };
    const page = mount(AuditWorkspace, { props: { me: admin } });
    await flushPromises();
    expect(page.find('#trace-title').text()).toBe('Customer #38');
    expect(page.find('#erased h3').text()).toBe('Customer #38 was erased.');
    expect(page.find('#erased').text()).toContain('4 audit entries lost their content');
    expect(page.find('#erase-reason').exists()).toBe(false);
    // A customer who was not erased is offered the form, and named after the number.
    history.replaceState(null, '', '?customer=7');
    const other = mount(AuditWorkspace, { props: { me: admin } });
    await flushPromises();
    expect(other.find('#trace-title').text()).toBe('Customer #7: Nora Example');
    expect(other.find('#erased').exists()).toBe(false);
    expect(other.find('#erase-reason').exists()).toBe(true);
    history.replaceState(null, '', '/');
  });

  it('says "Nothing found." for a search until a trace is shown', async () => {
    vi.stubGlobal('fetch', vi.fn((url: string) => {
      if (url.startsWith('/api/audit/find')) return json({ cases: [], customers: [] });
      if (url === '/api/audit/cases/12/trace') {
        return json({ caseSummary: resolvedCase, customerId: 7, customerName: 'Customer #7', cases: [], entries: [entry], ruleSets: {} });
      }
      if (url === '/api/audit/customers/7/trace') {
        return json({ caseSummary: null, customerId: 7, customerName: 'Customer #7', cases: [resolvedCase], entries: [entry], ruleSets: {} });
      }
      return json({ title: 'Not Found' }, 404);
    }));
    history.replaceState(null, '', '?case=12');
    const page = mount(AuditWorkspace, { props: { me: auditor } });
    await page.find('#audit-query').setValue('nobody@example.com');
    await page.find('form.find').trigger('submit');
    await flushPromises();
    // The search answered after the trace was opened: its answer stands until another trace is opened.
    expect(page.find('.found').text()).toContain('Nothing found.');
    // The case's customer reads "Customer #7" once, not "#7 Customer #7".
    expect(page.find('.trace-head button.link').text()).toBe('Customer #7');
    await page.find('.trace-head button.link').trigger('click');
    await flushPromises();
    expect(page.find('#trace-title').text()).toBe('Customer #7');
    expect(page.text()).not.toContain('Nothing found.');
    history.replaceState(null, '', '/');
  });

  it('lists what it found with statuses in words and counts that agree with their number', async () => {
    const page = await found();
    const results = page.findAll('.results li');
    expect(results[0].find('.badge').text()).toBe('Resolved');
    expect(results[1].text()).toContain('1 case');
    expect(results[1].text()).not.toContain('1 cases');

    await page.find('.chain button').trigger('click');
    await flushPromises();
    expect(page.find('.verdict').text()).toContain('The chain verifies: 1 entry up to #5');
  });

  it('heads a case trace with channel and status in words, and writes times in the browser\'s time zone', async () => {
    const page = await found();
    await page.findAll('.results li button')[0].trigger('click');
    await flushPromises();
    const head = page.find('.trace-head .muted').text();
    expect(head).toContain('Email · Resolved · queue billing');
    expect(head).toContain('· 1 entry');
    expect(page.find('.entry .summary').text()).toBe('SMS · I was charged twice');
    expect(page.find('.entry time').text()).toBe('3 Dec 2026, 23:23');
  });

  it('names the time zone of its times, and asks for the PDF in the same zone', async () => {
    const page = await found();
    await page.findAll('.results li button')[0].trigger('click');
    await flushPromises();
    expect(page.find('#time-zone').text()).toMatch(/^Times in Europe\/Berlin \(UTC\+[12]\)\.$/);
    expect(page.find('a[href*="trace.pdf"]').attributes('href')).toMatch(/\/trace\.pdf\?zone=Europe%2FBerlin$/);
  });

  it('counts a customer\'s cases in agreement, with their statuses in words', async () => {
    const page = await found();
    await page.findAll('.results li button')[1].trigger('click');
    await flushPromises();
    const head = page.find('.trace-head .muted').text().replace(/\s+/g, ' ');
    expect(head).toBe('1 case · 1 entry');
    expect(page.find('.case-list .badge').text()).toBe('Resolved');
  });
});
