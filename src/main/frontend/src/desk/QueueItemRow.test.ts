import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { learnPeople } from '../lib/people';
import QueueItemRow from './QueueItemRow.vue';
import type { QueueItem } from './types';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const minutes = (m: number) => new Date(NOW + m * 60_000).toISOString();

function item(over: Partial<QueueItem> = {}): QueueItem {
  return {
    taskId: 't1', caseId: 301, subject: 'Charged twice for November', customerId: 7, customerName: 'Nora Example',
    channel: 'EMAIL', queue: 'billing', priority: 80, assignee: null, status: 'ESCALATED',
    waitingSince: minutes(-12), created: minutes(-12), slaDue: minutes(228), slaState: 'ok',
    sentiment: { score: -0.6, label: 'NEGATIVE', trend: 'FALLING' }, lastMessage: 'Can I talk to a person please?',
    ...over,
  };
}

const row = (i: QueueItem, now = NOW) => mount(QueueItemRow, { props: { item: i, now, me: 'agent' } });

describe('QueueItemRow', () => {
  afterEach(() => learnPeople([]));

  it('names the colleague who holds the case, not their login', () => {
    learnPeople([{ username: 'senior', displayName: 'Sam Senior' }]);
    expect(row(item({ assignee: 'senior' })).find('.holder').text()).toBe('Sam Senior');
    expect(row(item({ assignee: 'agent' })).find('.holder').text()).toBe('Mine');
  });

  it('shows subject, customer name, channel icon and label, waiting time and the customer text as text', () => {
    const r = row(item({ lastMessage: '<img src=x onerror=alert(1)>' }));
    expect(r.find('.subject').text()).toBe('Charged twice for November');
    expect(r.find('.customer').text()).toBe('Nora Example');
    expect(r.find('.channel svg').exists()).toBe(true);
    expect(r.find('.channel-label').text()).toBe('Email');
    expect(r.find('.waiting').text()).toBe('waiting 12 min');
    expect(r.find('.last').text()).toBe('<img src=x onerror=alert(1)>');
    expect(r.find('img').exists()).toBe(false);
    expect(r.find('.claim').text()).toBe('Claim');
  });

  it('waiting time and SLA countdown move with the clock', async () => {
    const r = row(item());
    expect(r.find('.sla-time').text()).toBe('SLA 3 h 48 min left');
    await r.setProps({ now: NOW + 65 * 60_000 });
    expect(r.find('.waiting').text()).toBe('waiting 1 h 17 min');
    expect(r.find('.sla-time').text()).toBe('SLA 2 h 43 min left');
  });

  it('colours the SLA: green on time, amber at risk (under a quarter of the window or 15 min), red when breached', async () => {
    const r = row(item());
    expect(r.attributes('data-sla')).toBe('ok');
    expect(r.find('.sla').classes()).toContain('ok');
    expect(r.find('.sla-word').text()).toBe('on time');

    await r.setProps({ now: NOW + 190 * 60_000 }); // 38 of 240 minutes left: less than a quarter
    expect(r.attributes('data-sla')).toBe('at-risk');
    expect(r.find('.sla').classes()).toContain('warn');
    expect(r.find('.sla-word').text()).toBe('at risk');

    await r.setProps({ now: NOW + 230 * 60_000 });
    expect(r.attributes('data-sla')).toBe('breached');
    expect(r.classes()).toContain('sla-breached');
    expect(r.find('.sla').classes()).toContain('bad');
    expect(r.find('.sla-time').text()).toBe('SLA breached 2 min ago');
  });

  it('never looks better than the server says', () => {
    expect(row(item({ slaState: 'at-risk' })).attributes('data-sla')).toBe('at-risk');
  });

  it('says the priority in the words the floor uses, the number in its title', () => {
    const r = row(item());
    expect(r.find('.prio').text()).toBe('High');
    expect(r.find('.prio').attributes('title')).toBe('Priority 80');
    expect(row(item({ priority: 50 })).find('.prio').text()).toBe('Normal');
  });

  it('says the mood and its trend in words', () => {
    expect(row(item()).find('.mood').text()).toContain('Negative, getting worse');
    expect(row(item({ sentiment: { score: .5, label: 'POSITIVE', trend: 'RISING' } })).find('.mood').text()).toContain('Positive, improving');
    expect(row(item({ sentiment: null })).find('.mood').text()).toBe('No mood yet');
  });

  it('offers to open a case that is held, and says by whom', () => {
    const mine = row(item({ assignee: 'agent' }));
    expect(mine.find('.claim').text()).toBe('Open');
    expect(mine.find('.holder').text()).toBe('Mine');
    expect(row(item({ assignee: 'senior' })).find('.holder').text()).toBe('senior');
  });

  it('claims with its button', async () => {
    const r = row(item());
    await r.find('.claim').trigger('click');
    expect(r.emitted('take')?.[0]?.[0]).toMatchObject({ taskId: 't1' });
  });
});
