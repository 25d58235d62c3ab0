import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../desk/types';
import { priorityName } from '../lib/labels';
import { advance, agentsOf, withAlert, withConversation, withMessage, withoutConversation, worstFirst } from './floor';

const row = (caseId: number, score: number | null, over: Partial<QueueItem> = {}): QueueItem => ({
  taskId: 't' + caseId, caseId, subject: 'S' + caseId, customerId: caseId, customerName: 'C' + caseId, channel: 'EMAIL',
  queue: 'billing', priority: 50, assignee: null, status: 'ESCALATED', waitingSince: '2026-12-01T10:00:00Z',
  slaDue: null, slaState: 'ok', sentiment: score === null ? null : { score, label: score < 0 ? 'NEGATIVE' : 'POSITIVE', trend: 'STEADY' },
  lastMessage: 'hi', ...over,
});

describe('the floor state', () => {
  it('orders conversations worst mood first, a falling one before a steady one, rows without a mood last', () => {
    const rows = [row(1, 0.4), row(2, null), row(3, -0.6), row(4, -0.6, { sentiment: { score: -0.6, label: 'NEGATIVE', trend: 'FALLING' } })];
    expect([...rows].sort(worstFirst).map(r => r.caseId)).toEqual([4, 3, 1, 2]);
  });

  it('replaces a changed row in place of the old one and re-sorts; a removed row goes', () => {
    let rows = [row(1, -0.2), row(2, 0.1)].sort(worstFirst);
    rows = withConversation(rows, row(2, -0.8, { lastMessage: 'This is awful' }));
    expect(rows.map(r => r.caseId)).toEqual([2, 1]);
    expect(rows[0].lastMessage).toBe('This is awful');
    expect(rows).toHaveLength(2);
    expect(withoutConversation(rows, 2).map(r => r.caseId)).toEqual([1]);
  });

  it('puts a new alert on top, once, and keeps at most thirty', () => {
    const alert = (id: number) => ({ id, kind: 'sla-breached', title: 'A' + id, detail: null, caseIds: [], at: '2026-12-01T10:00:00Z' });
    let alerts = withAlert([], alert(1));
    alerts = withAlert(alerts, alert(2));
    alerts = withAlert(alerts, alert(2));
    expect(alerts.map(a => a.id)).toEqual([2, 1]);
    for (let i = 3; i < 40; i++) alerts = withAlert(alerts, alert(i));
    expect(alerts).toHaveLength(30);
    expect(alerts[0].id).toBe(39);
  });

  it('counts a customer message in its hour and channel and moves that hour\'s average mood', () => {
    const state = {
      volume: { hours: ['2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00.000Z'], byChannel: { EMAIL: [1, 2], CHAT: [0, 0] } },
      sentiment: { hours: ['2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00.000Z'], average: [null, 0.5], messages: [1, 2] },
    };
    withMessage(state, { caseId: 1, queue: 'billing', channel: 'CHAT', at: '2026-12-01T10:30:00Z', score: -1 });
    expect(state.volume.byChannel.CHAT).toEqual([0, 1]);
    expect(state.volume.byChannel.EMAIL).toEqual([1, 2]);
    expect(state.sentiment.messages).toEqual([1, 3]);
    expect(state.sentiment.average[1]).toBeCloseTo(0, 3);
  });

  it('moves the hourly window on when a message of a new hour arrives', () => {
    const state = {
      volume: { hours: ['2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00.000Z'], byChannel: { EMAIL: [1, 2] } },
      sentiment: { hours: ['2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00.000Z'], average: [0.1, 0.2], messages: [1, 2] },
    };
    withMessage(state, { caseId: 1, queue: 'billing', channel: 'SMS', at: '2026-12-01T11:05:00Z', score: 0.3 });
    expect(state.volume.hours).toEqual(['2026-12-01T10:00:00.000Z', '2026-12-01T11:00:00.000Z']);
    expect(state.volume.byChannel).toEqual({ EMAIL: [2, 0], SMS: [0, 1] });
    expect(state.sentiment.average).toEqual([0.2, 0.3]);
    advance(state, Date.parse('2026-12-01T11:59:00Z'));
    expect(state.volume.hours[1]).toBe('2026-12-01T11:00:00.000Z');
  });

  it('names a priority by the level it reaches and offers the agents of the case\'s queue', () => {
    expect(priorityName(90)).toBe('URGENT');
    expect(priorityName(60)).toBe('NORMAL');
    expect(priorityName(10)).toBe('LOW');
    const agents = [
      { username: 'agent', displayName: 'A', queues: ['billing', 'general'], handling: [], load: 0, idleSince: null },
      { username: 'tech', displayName: 'T', queues: ['technical'], handling: [], load: 0, idleSince: null },
    ];
    expect(agentsOf(agents, 'billing').map(a => a.username)).toEqual(['agent']);
    expect(agentsOf(agents, null).map(a => a.username)).toEqual(['agent']);
  });
});
