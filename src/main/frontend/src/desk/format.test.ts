import { describe, expect, it } from 'vitest';
import { handoverSummary, localSla, score, waiting } from './format';
import { learnPeople } from '../lib/people';
import { dateTime } from '../lib/time';

describe('score', () => {
  it('shows two decimals and never a negative zero', () => {
    expect(score(-0.0004)).toBe('0.00');
    expect(score(-0.3)).toBe('-0.30');
    expect(score(0.456)).toBe('0.46');
  });
});

describe('handoverSummary', () => {
  const base = {
    caseId: 1, status: 'SELF_SERVICE', summary: 'The server\'s summary', customer: null, assistant: [],
    routing: null, earlierCases: [], repeatContact: false,
  };

  it('tells one message, a decline and self-service in agreement and in words', () => {
    expect(handoverSummary({
      ...base,
      transcript: [{ direction: 'INBOUND', channel: 'CHAT', author: 'visitor', text: 'Hello?', at: null }],
      assistant: [{ question: 'Hello?', answered: false, answer: null, topic: null, confidence: 0.1,
        declineReason: 'no article fits', sources: null }],
      routing: { selfService: true, queue: null, priority: null, reasons: [] },
      repeatContact: true,
    })).toBe('The customer wrote 1 message via Web chat, first: "Hello?". The assistant tried 1 time (0 answered); '
      + 'last: declined because no article fits. Routing: self-service. No earlier cases. '
      + 'Repeat contact: another case within 30 days.');
  });

  it('says a case the rules gave the assistant went on to a person', () => {
    const text = handoverSummary({
      ...base,
      transcript: [{ direction: 'INBOUND', channel: 'EMAIL', author: 'greta@example.com', text: 'Please refund it', at: null }],
      routing: { selfService: true, queue: 'general', priority: 50, reasons: ['A message about the account needs a person'],
        handedToPerson: 'the assistant handed it to a person in queue general: it was not sure enough to answer' },
    });
    expect(text).toContain('Routing: self-service at first, because a message about the account needs a person; '
      + 'then the assistant handed it to a person in queue general: it was not sure enough to answer.');
  });

  it('tells the next holder the last thing a person told the customer and why the case was handed on', () => {
    learnPeople([{ username: 'agent', displayName: 'Alex Agent' }]);
    const text = handoverSummary({
      ...base,
      transcript: [
        { direction: 'INBOUND', channel: 'EMAIL', author: 'karl@example.com', text: 'Charged twice', at: null },
        { direction: 'OUTBOUND', channel: 'EMAIL', author: 'agent', text: 'The refund comes within 3 working days.', at: null },
        { direction: 'OUTBOUND', channel: 'EMAIL', author: 'assistant', text: 'Here is an article.', at: null },
      ],
      handedOn: 'Reassigned from Alex Agent to Sam Senior by Sara Supervisor: Alex is off tomorrow',
    });
    expect(text).toContain('Last reply by Alex Agent: "The refund comes within 3 working days.". '
      + 'Reassigned from Alex Agent to Sam Senior by Sara Supervisor: Alex is off tomorrow.');
  });

  it('says when the last reply did not reach the customer (walk 46)', () => {
    learnPeople([{ username: 'agent', displayName: 'Alex Agent' }]);
    const text = handoverSummary({
      ...base,
      transcript: [
        { direction: 'INBOUND', channel: 'WHATSAPP', author: '+4915112345678', text: 'Charged twice', at: null },
        { direction: 'OUTBOUND', channel: 'WHATSAPP', author: 'agent', text: 'The refund comes within 3 working days.', at: null,
          delivery: 'FAILED' },
      ],
    });
    expect(text).toContain('Last reply by Alex Agent (not sent: the customer did not get it): '
      + '"The refund comes within 3 working days.".');
  });

  it('shows the server\'s summary when the answer has no transcript', () => {
    expect(handoverSummary(base)).toBe('The server\'s summary');
  });
});

describe('waiting', () => {
  it('says how long the customer waits for a person, and "answered" when a person answered every message', () => {
    const now = Date.parse('2026-12-04T10:00:00Z');
    expect(waiting('2026-12-04T09:50:00Z', now)).toBe('waiting 10 min');
    expect(waiting(null, now)).toBe('answered');
  });
});

describe('handover summary reasons', () => {
  it('reads a reason mid-sentence after "because"', () => {
    const text = handoverSummary({ caseId: 1, status: 'ESCALATED', summary: '', customer: null, transcript: [], assistant: [],
      routing: { selfService: false, queue: 'billing', priority: 50, reasons: ['A message about billing goes to the billing queue', 'VIP customer'] },
      earlierCases: [], repeatContact: false } as never);
    expect(text).toContain('because a message about billing goes to the billing queue; VIP customer.');
  });

  it('says where the case is now when a person moved it after the rules placed it', () => {
    const h = { caseId: 1, status: 'ESCALATED', summary: '', customer: null, transcript: [], assistant: [],
      routing: { selfService: false, queue: 'billing', priority: 50, reasons: [] }, earlierCases: [], repeatContact: false } as never;
    expect(handoverSummary(h, { queue: 'billing', priority: 50 })).not.toContain('Now:');
    expect(handoverSummary(h, { queue: 'billing', priority: 90 })).toContain('Routing: now queue billing, priority urgent; at handover queue billing, priority normal.');
    expect(handoverSummary(h, { queue: 'technical', priority: 50 })).toContain('Routing: now queue technical, priority normal; at handover');
  });

  it('says the current priority first and marks the rules\' placement with the time of the handover', () => {
    const h = { caseId: 1, status: 'ESCALATED', summary: '', customer: null, transcript: [], assistant: [],
      routing: { selfService: false, queue: 'billing', priority: 50, reasons: [], decidedAt: '2026-12-03T21:23:00Z' },
      earlierCases: [], repeatContact: false } as never;
    const text = handoverSummary(h, { queue: 'billing', priority: 90 });
    expect(text).toContain('Routing: now queue billing, priority urgent; at handover (' + dateTime('2026-12-03T21:23:00Z')
      + ') queue billing, priority normal.');
    expect(text).not.toContain('Routing: queue billing, priority normal');
  });

  it('says who holds the case now when it is not whom it was last handed to', () => {
    learnPeople([{ username: 'senior', displayName: 'Sam Senior' }, { username: 'tech', displayName: 'Toni Tech' }]);
    const h = { caseId: 1, status: 'ESCALATED', summary: '', customer: null, transcript: [], assistant: [], routing: null,
      handedOn: 'Reassigned from Alex Agent to Sam Senior by Sara Supervisor: Alex is off', handedOnTo: 'senior',
      earlierCases: [], repeatContact: false } as never;
    expect(handoverSummary(h, { queue: 'billing', priority: 50, assignee: 'senior' })).not.toContain('Now');
    expect(handoverSummary(h, { queue: 'billing', priority: 50, assignee: 'tech' })).toContain('Alex is off. Now held by Toni Tech.');
    expect(handoverSummary(h, { queue: 'billing', priority: 50, assignee: null })).toContain('Alex is off. Now nobody holds it.');
    expect(handoverSummary(h, { queue: 'billing', priority: 50, assignee: null, status: 'RESOLVED' })).not.toContain('Now');
  });
});

describe('localSla', () => {
  it('says a moved SLA deadline in the reader\'s time zone, the day once when it is the same', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Europe/Berlin';
    try {
      const text = 'Priority normal → urgent, SLA due 2026-12-04 12:52 UTC → 09:52 UTC by Sara Supervisor: VIP';
      expect(localSla(text, '2026-12-04T12:52:00Z', '2026-12-04T09:52:00Z'))
        .toBe('Priority normal → urgent, SLA due 4 Dec 2026, 13:52 → 10:52 by Sara Supervisor: VIP');
      expect(localSla('SLA due none → 2026-12-05 23:30 UTC by x', null, '2026-12-05T23:30:00Z'))
        .toBe('SLA due none → 6 Dec 2026, 00:30 by x');
    } finally {
      process.env.TZ = zone;
    }
  });
});
