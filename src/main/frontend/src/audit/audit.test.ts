import { afterEach, describe, expect, it } from 'vitest';
import { learnPeople } from '../lib/people';
import { factRows, summaryOf, titleOf, type AuditEntry } from './audit';

const entry = (kind: string, content: Record<string, unknown> | null, pseudonymised = false): AuditEntry => ({
  seq: 7, kind, actor: 'customer', occurredAt: '2026-12-01T10:00:00Z', content, pseudonymised,
  contentDigest: 'd'.repeat(64), prevHash: 'a'.repeat(64), hash: 'b'.repeat(64),
});

describe('audit entries as the auditor reads them', () => {
  it('says what a routing decision decided and with which rule-set version', () => {
    const decided = entry('routing.decided', { selfService: false, queue: 'billing', priority: 70, ruleSetVersion: 'v3' });
    expect(titleOf('routing.decided')).toBe('Routing decision: what the rules answered');
    expect(titleOf('routing.recorded')).toBe('Decision applied to the case');
    // The priority in words, with the number the rules set: the trail keeps exactly what was decided.
    expect(summaryOf(decided)).toBe('Escalate to billing, priority normal (70), rules v3');
    expect(summaryOf(entry('routing.decided', { selfService: false, queue: 'senior', priority: 'URGENT', ruleSetVersion: 'v4' })))
      .toBe('Escalate to senior, priority urgent, rules v4');
  });

  it('says which taught example was reviewed or removed, and who taught it', () => {
    learnPeople([{ username: 'agent', displayName: 'Alex Agent' }]);
    expect(titleOf('assistant.example-removed')).toBe('Taught example removed');
    expect(summaryOf(entry('assistant.example-removed', { exampleId: 11, topic: 'TECHNICAL', origin: 'agent',
      taughtBy: 'agent', question: 'How do I reset the router firmware?' })))
      .toBe('example 11 (Technical), taught by Alex Agent: How do I reset the router firmware?');
    expect(summaryOf(entry('assistant.example-reviewed', { exampleId: 10, topic: 'BILLING', taughtBy: null, question: 'q' })))
      .toBe('example 10 (Billing), taught by an unknown author: q');
  });

  it('shows a message as its text and an erased entry as erased', () => {
    expect(summaryOf(entry('message.in', { channel: 'EMAIL', text: '<b>hi</b>' }))).toBe('Email · <b>hi</b>');
    expect(summaryOf(entry('message.in', { channel: 'WHATSAPP', text: 'hi' }))).toBe('WhatsApp · hi');
    expect(summaryOf(entry('case.opened', { channel: 'CHAT' }))).toBe('on Web chat');
    expect(summaryOf(entry('message.in', null, true))).toContain('erased');
  });

  it('says a reply did not reach the customer, and why (walk 46: it read as sent)', () => {
    expect(titleOf('reply.failed')).toBe('Reply not sent');
    expect(summaryOf(entry('reply.failed', { interactionId: 84, error: 'sending by WhatsApp is switched off on this server' })))
      .toBe('the customer did not get it: sending by WhatsApp is switched off on this server');
  });

  it('says what a deadline change, a deploy and a move to another process version were', () => {
    const sla = summaryOf(entry('case.sla-changed', { priorityBefore: 50, priorityAfter: 90, dueBefore: '2026-12-04T12:52:00Z',
      dueAfter: '2026-12-04T09:52:00Z', reason: 'VIP' }));
    expect(sla).toMatch(/^priority normal \(50\) → urgent \(90\), due .+ → .+: VIP$/);
    expect(sla).not.toContain('2026-12-04T');
    expect(summaryOf(entry('process.deployed', { processKey: 'customer-case', version: 3, rollbackOf: 1, reason: 'old name' })))
      .toBe('customer-case version 3 (rollback to version 1): old name');
    expect(titleOf('process.migrated')).toBe('Case moved to another process version');
    expect(summaryOf(entry('process.migrated', { processKey: 'customer-case', fromVersion: 1, toVersion: 3, batchId: 'b-1' })))
      .toBe('customer-case version 1 → 3 (batch b-1)');
  });

  it('flattens the facts a decision read into sorted rows', () => {
    const rows = factRows({ message: { text: 'refund', sentiment: -0.5 }, caseFacts: { channel: 'EMAIL' } });
    expect(rows).toEqual([
      { name: 'caseFacts.channel', value: 'EMAIL' },
      { name: 'message.sentiment', value: '-0.5' },
      { name: 'message.text', value: 'refund' },
    ]);
  });

  it('says a fact\'s "never" in words and a long fraction to four decimals, keeping the exact value', () => {
    const rows = factRows({ customer: { daysSinceLastContact: 1000000, contactsLast30Days: 2 },
      message: { sentiment: -0.0007760566841966995 } });
    expect(rows).toEqual([
      { name: 'customer.contactsLast30Days', value: '2' },
      { name: 'customer.daysSinceLastContact', value: '1000000 (no earlier contact)' },
      { name: 'message.sentiment', value: '-0.0008', exact: '-0.0007760566841966995' },
    ]);
  });
});

describe('audit summaries name people and cases in words', () => {
  const base = { seq: 1, caseId: 9, customerId: 7, actor: 'supervisor', occurredAt: '2026-12-04T10:00:00Z',
    pseudonymised: false, contentDigest: '', prevHash: '', hash: '' };
  afterEach(() => learnPeople([]));

  it('says who got a task by name, lists erased cases by number, and leaves a read to its actor', () => {
    learnPeople([{ username: 'senior', displayName: 'Sam Senior' }]);
    expect(summaryOf({ ...base, kind: 'task.assigned', content: { assignee: 'senior' } })).toBe('to Sam Senior');
    expect(summaryOf({ ...base, kind: 'customer.erased', content: { cases: [9, 12], reason: 'Art. 17' } }))
      .toBe('cases #9, #12: Art. 17');
    expect(summaryOf({ ...base, kind: 'customer.erased', content: { cases: [9], reason: 'Art. 17' } })).toBe('case #9: Art. 17');
    expect(summaryOf({ ...base, kind: 'case.read', content: null })).toBe('');
  });
});
