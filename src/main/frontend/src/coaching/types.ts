import { score as twoDecimals } from '../desk/format';
// The shapes of the coaching page's API: /api/insight/coaching (the contract of issue 16, written by the patterns
// work) and /api/insight/quality (scores and their rules).

/** One set of coaching figures, for an agent on a topic or for the whole team. */
export interface Figures {
  handled: number;
  medianHandleSeconds: number | null;
  /** Share of cases resolved at the first contact, 0..1. */
  firstContactResolution: number | null;
  /** Share of resolved cases reopened, 0..1. */
  reopenRate: number | null;
  /** The customers' sentiment from their first to their last message (on the -1..1 scale). */
  sentimentChange: number | null;
  slaBreaches: number;
  /** Average quality score, 0..100; null until quality scores feed coaching. */
  qualityScore: number | null;
}

export interface AgentFigures {
  agent: string;
  displayName: string;
  topic: string;
  figures: Figures;
}

export type MomentKind = 'SENTIMENT_FELL_AFTER_REPLY' | 'RESOLVED_WITH_RISING_SENTIMENT';

export interface Moment {
  caseId: number;
  agent: string;
  kind: MomentKind;
  at: string;
  before: number;
  after: number;
  excerpt: string;
}

export interface Coaching {
  team: Figures;
  agents: AgentFigures[];
  moments: Moment[];
}

export type ComponentName = 'FIRST_RESPONSE' | 'OWNERSHIP' | 'EMPATHY' | 'CONFIRMATION' | 'SENTIMENT';

/** One scored resolution as the overview lists it; components 0..1, null when they did not apply. */
export interface QualityDoc {
  caseId: number;
  resolvedAt: string;
  agent?: string | null;
  topic?: string | null;
  queue?: string | null;
  channel?: string | null;
  rulesVersion: number;
  total: number;
  firstResponse?: number | null;
  ownership?: number | null;
  empathy?: number | null;
  confirmation?: number | null;
  sentiment?: number | null;
  phrases?: string | null;
}

export interface Band { from: number; to: number; count: number }

export interface QualityOverview {
  scored: number;
  average?: number | null;
  distribution: Band[];
  components: Record<string, number | null>;
  lowest: QualityDoc[];
}

export interface Weights {
  firstResponse: number;
  ownership: number;
  empathy: number;
  confirmation: number;
  sentiment: number;
}

export interface QualityRules {
  weights: Weights;
  ownershipPhrases: string[];
  empathyPhrases: string[];
  confirmationPhrases: string[];
  lateFactor: number;
  phrasesForFullMarks: number;
  sentimentSwingForFullMarks: number;
}

export interface RulesAnswer {
  version: number;
  rules: QualityRules;
  author: string;
  reason: string;
  createdAt: string;
  rescoresEarlier: boolean;
}

export interface RulesVersion {
  version: number;
  rules: QualityRules;
  author: string;
  reason: string;
  createdAt: string;
}

/** What the components are called on the page, in the order the breakdown lists them. */
export const COMPONENTS: { key: keyof Weights; label: string }[] = [
  { key: 'firstResponse', label: 'First response against the SLA' },
  { key: 'ownership', label: 'Ownership phrases' },
  { key: 'empathy', label: 'Empathy phrases' },
  { key: 'confirmation', label: 'Confirmed by the customer' },
  { key: 'sentiment', label: 'Sentiment end vs start' },
];

export const QUEUES = ['general', 'billing', 'technical', 'senior'];

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : Math.round(value * 100) + ' %';
}

export function signed(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  const text = twoDecimals(value);
  return text === '0.00' || value < 0 ? text : '+' + text;
}

export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 60) return Math.round(seconds) + ' s';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes + ' min';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return hours + ' h' + (rest ? ' ' + rest + ' min' : '');
}

export function score(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toFixed(1);
}

/** Where the desk opens a case. */
export function caseLink(caseId: number): string {
  return '/desk.html#case-' + caseId;
}
