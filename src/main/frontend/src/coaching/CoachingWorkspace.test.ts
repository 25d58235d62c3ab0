import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CoachingWorkspace from './CoachingWorkspace.vue';
import { coaching, overview, rulesV2, versions } from './fixtures.test-data';
import type { Me } from '../lib/session';

function json(status: number, body: unknown, type = 'application/json') {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } }));
}

const supervisor: Me = { username: 'supervisor', displayName: 'Sam Supervisor', roles: ['SUPERVISOR'], pages: [] };

/** The server as the page sees it; `coachingAnswer` stands for /api/insight/coaching. */
function server(coachingAnswer: () => Promise<Response>) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', vi.fn((url: string) => {
    calls.push(url);
    if (url.startsWith('/api/insight/coaching')) return coachingAnswer();
    if (url.startsWith('/api/insight/quality/rules/versions')) return json(200, versions);
    if (url.startsWith('/api/insight/quality/rules')) return json(200, rulesV2);
    if (url.startsWith('/api/insight/quality')) return json(200, overview);
    return json(404, { title: 'Not Found' });
  }));
  return calls;
}

// The page's days and times are the browser's: pin a zone that is not UTC, whatever the machine's.
let zoneBefore: string | undefined;
beforeEach(() => { zoneBefore = process.env.TZ; process.env.TZ = 'Europe/Berlin'; });
afterEach(() => {
  vi.unstubAllGlobals();
  process.env.TZ = zoneBefore;
});

describe('CoachingWorkspace', () => {
  it('shows the coaching contract: each agent and topic beside the team, and moments linking to the desk', async () => {
    const calls = server(() => json(200, coaching));
    const page = mount(CoachingWorkspace, { props: { me: supervisor } });
    await flushPromises();

    expect(page.find('#coaching').attributes('data-coaching')).toBe('ready');
    const rows = page.findAll('#coaching-table tr.agent-row');
    expect(rows.map(r => r.find('th').text())).toEqual(['Alex Agent', 'Toni Tech']);
    expect(rows.map(r => r.find('td.topic').text())).toEqual(['Billing', 'Technical']);
    const fcr = rows[0].find('td[data-figure="firstContactResolution"]');
    expect(fcr.find('.mine').text()).toBe('70 %');
    expect(fcr.find('.team').text()).toBe('team 62 %');
    expect(fcr.classes()).toContain('better');
    expect(rows[1].find('td[data-figure="reopenRate"]').classes()).toContain('worse');
    expect(rows[0].find('td[data-figure="medianHandleSeconds"] .mine').text()).toBe('20 min');
    expect(rows[0].find('td[data-figure="qualityScore"] .mine').text()).toBe('80.3');
    expect(rows[1].find('td[data-figure="qualityScore"] .mine').text()).toBe('–');
    expect(page.find('.team-row td[data-figure="handled"]').text()).toBe('120');

    const moments = page.findAll('#moments li');
    expect(moments).toHaveLength(2);
    expect(moments[0].find('a').attributes('href')).toBe('/desk.html#case-301');
    expect(moments[0].text()).toContain('Sentiment fell after a reply');
    expect(moments[0].text()).toContain('Toni Tech');
    expect(moments[0].text()).toContain('+0.10 → -0.60');
    // 09:15 UTC, said in the browser's zone like every time on every page.
    expect(moments[0].find('.who').text()).toContain('30 Nov 2026, 10:15');
    expect(page.find('#period-zone').text()).toBe('Days and times in your time zone, Europe/Berlin.');
    // What a customer wrote is text, never markup.
    expect(moments[0].find('.excerpt').text()).toBe('This is <b>useless</b>, the app still crashes');
    expect(moments[0].find('.excerpt b').exists()).toBe(false);

    const coachingCall = calls.find(c => c.startsWith('/api/insight/coaching'))!;
    expect(coachingCall).toMatch(/from=\d{4}-\d\d-\d\dT\d\d%3A00%3A00.000Z&to=\d{4}-\d\d-\d\dT\d\d%3A00%3A00.000Z$/);
  });

  it('says "no coaching data yet", not an error, while the server has no coaching endpoint', async () => {
    server(() => json(404, { title: 'Not found', status: 404 }, 'application/problem+json'));
    const page = mount(CoachingWorkspace, { props: { me: supervisor } });
    await flushPromises();

    expect(page.find('#coaching').attributes('data-coaching')).toBe('empty');
    expect(page.find('#coaching-empty').text()).toContain('No coaching data yet');
    expect(page.find('section[aria-labelledby="coaching-heading"] [role="alert"]').exists()).toBe(false);
    // The quality part works on its own.
    expect(page.find('#coaching').attributes('data-quality')).toBe('ready');
    expect(page.find('#quality-summary').text()).toContain('3 conversations scored, average 61.4 of 100');
  });

  it('shows a real failure as one, with a way to try again', async () => {
    server(() => json(503, { title: 'Service Unavailable', detail: 'History index unavailable' }, 'application/problem+json'));
    const page = mount(CoachingWorkspace, { props: { me: supervisor } });
    await flushPromises();
    const alert = page.find('section[aria-labelledby="coaching-heading"] [role="alert"]');
    expect(alert.text()).toContain('History index unavailable');
    expect(alert.find('button').text()).toBe('Try again');
  });

  it('lists the lowest-scoring conversations with links to their cases and the spread of totals', async () => {
    server(() => json(200, coaching));
    const page = mount(CoachingWorkspace, { props: { me: supervisor } });
    await flushPromises();

    const lowest = page.findAll('#lowest tbody tr');
    expect(lowest[0].find('a').attributes('href')).toBe('/desk.html#case-412');
    expect(lowest[0].find('.total').text()).toBe('24.5');
    const cells = lowest[0].findAll('td').map(td => td.text());
    expect(cells).toContain('Technical');
    expect(cells).toContain('30 Nov 2026, 11:00');
    expect(lowest[0].find('.badge').classes()).toContain('bad');
    expect(lowest[1].find('.badge').classes()).toContain('ok');
    expect(page.find('#distribution li[data-band="20"] .count').text()).toBe('1');
    expect(page.find('#distribution li[data-band="90"] .band').text()).toBe('90–100');
    expect(page.find('#component-averages dd[data-component="empathy"]').text()).toBe('66 %');
    expect(page.find('#component-averages dd[data-component="sentiment"]').text()).toBe('–');
  });

  it('asks for the chosen days from midnight to midnight in the browser\'s time zone', async () => {
    const calls = server(() => json(200, coaching));
    const page = mount(CoachingWorkspace, { props: { me: supervisor } });
    await flushPromises();
    await page.find('#period-from').setValue('2026-11-01');
    await page.find('#period-to').setValue('2026-11-30');
    await page.find('form.period').trigger('submit');
    await flushPromises();
    const asked = calls.filter(c => c.startsWith('/api/insight/')).slice(-2).map(c => new URLSearchParams(c.split('?')[1]));
    for (const params of asked) {
      expect(params.get('from')).toBe('2026-10-31T23:00:00.000Z');
      expect(params.get('to')).toBe('2026-11-30T23:00:00.000Z');
    }
  });

  it('refuses a period that ends before it starts without asking the server', async () => {
    const calls = server(() => json(200, coaching));
    const page = mount(CoachingWorkspace, { props: { me: supervisor } });
    await flushPromises();
    const before = calls.length;
    await page.find('#period-from').setValue('2026-12-10');
    await page.find('#period-to').setValue('2026-12-01');
    await page.find('form.period').trigger('submit');
    await flushPromises();
    expect(page.find('#period-problem').text()).toBe('Choose a start date on or before the end date.');
    expect(calls.length).toBe(before);
  });
});
