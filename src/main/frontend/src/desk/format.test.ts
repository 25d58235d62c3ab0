import { describe, expect, it } from 'vitest';
import { handoverSummary, score, waiting } from './format';

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
});
