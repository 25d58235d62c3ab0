// Fixtures in the shapes of the coaching page's APIs: /api/insight/coaching as the issue 16 contract defines it,
// /api/insight/quality and its rules as this module answers them.
import type { Coaching, QualityOverview, RulesAnswer, RulesVersion } from './types';

export const coaching: Coaching = {
  team: { handled: 120, medianHandleSeconds: 1500, firstContactResolution: 0.62, reopenRate: 0.08,
    sentimentChange: 0.21, slaBreaches: 4, qualityScore: 71.5 },
  agents: [
    { agent: 'agent', displayName: 'Alex Agent', topic: 'BILLING',
      figures: { handled: 40, medianHandleSeconds: 1200, firstContactResolution: 0.7, reopenRate: 0.05,
        sentimentChange: 0.3, slaBreaches: 1, qualityScore: 80.25 } },
    { agent: 'tech', displayName: 'Toni Tech', topic: 'TECHNICAL',
      figures: { handled: 30, medianHandleSeconds: 2400, firstContactResolution: 0.4, reopenRate: 0.2,
        sentimentChange: -0.1, slaBreaches: 3, qualityScore: null } },
  ],
  moments: [
    { caseId: 301, agent: 'tech', kind: 'SENTIMENT_FELL_AFTER_REPLY', at: '2026-11-30T09:15:00Z', before: 0.1,
      after: -0.6, excerpt: 'This is <b>useless</b>, the app still crashes' },
    { caseId: 305, agent: 'agent', kind: 'RESOLVED_WITH_RISING_SENTIMENT', at: '2026-11-29T14:00:00Z', before: -0.5,
      after: 0.6, excerpt: 'Thank you, the refund arrived' },
  ],
};

export const overview: QualityOverview = {
  scored: 3,
  average: 61.4,
  distribution: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90].map(from => ({ from, to: from + 10,
    count: from === 20 ? 1 : from === 70 ? 1 : from === 90 ? 1 : 0 })),
  components: { firstResponse: 0.9, ownership: 0.5, empathy: 0.66, confirmation: 0.33, sentiment: null },
  lowest: [
    { caseId: 412, resolvedAt: '2026-11-30T10:00:00Z', agent: 'tech', topic: 'TECHNICAL', queue: 'technical',
      channel: 'EMAIL', rulesVersion: 1, total: 24.5 },
    { caseId: 415, resolvedAt: '2026-11-30T11:00:00Z', agent: 'agent', topic: 'BILLING', queue: 'billing',
      channel: 'SMS', rulesVersion: 2, total: 76 },
  ],
};

export const rulesV2: RulesAnswer = {
  version: 2, author: 'supervisor', reason: 'More weight on empathy', createdAt: '2026-11-30T08:00:00Z',
  rescoresEarlier: false,
  rules: {
    weights: { firstResponse: 25, ownership: 20, empathy: 30, confirmation: 15, sentiment: 10 },
    ownershipPhrases: ['I will', "I'll make sure"],
    empathyPhrases: ['I understand', 'sorry to hear'],
    confirmationPhrases: ['thank you', 'that worked'],
    lateFactor: 2, phrasesForFullMarks: 2, sentimentSwingForFullMarks: 0.5,
  },
};

export const versions: RulesVersion[] = [
  { version: 2, rules: rulesV2.rules, author: 'supervisor', reason: 'More weight on empathy', createdAt: '2026-11-30T08:00:00Z' },
  { version: 1, rules: { ...rulesV2.rules, weights: { firstResponse: 25, ownership: 20, empathy: 20, confirmation: 20, sentiment: 15 } },
    author: 'system', reason: 'The rules Omnicase ships with', createdAt: '2026-11-01T08:00:00Z' },
];
