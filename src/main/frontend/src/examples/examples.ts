// The taught examples page's contract (/api/assistant/examples) and how it says things in words. The server decides
// who sees and may change what: supervisors and administrators every example, an agent only the ones they taught.
import { deleteJson, getJson, postJson, query } from '../lib/api';
import { nameOf } from '../lib/people';
import type { Me } from '../lib/session';

export interface TaughtExample {
  id: number;
  question: string;
  answer: string;
  topic: string;
  /** agent (unreviewed), agent-reviewed, api (a supervisor's), resolved-case, or an evaluation run's */
  origin: string;
  /** A login; null when the teacher was not recorded. */
  taughtBy: string | null;
  taughtAt: string | null;
  unreviewed: boolean;
  reviewedBy: string | null;
  reviewedAt: string | null;
  caseId: number | null;
  queue: string | null;
}

export interface ExamplePage {
  items: TaughtExample[];
  total: number;
  page: number;
  size: number;
}

export type Status = 'unreviewed' | 'reviewed' | 'taught' | 'all';

export interface Filter {
  author: string;
  topic: string;
  status: Status;
  page: number;
}

export const PAGE_SIZE = 20;

const BASE = '/api/assistant/examples';

export const examplesApi = {
  list: (f: Filter) => getJson<ExamplePage>(BASE + query({ author: f.author.trim() || undefined,
    topic: f.topic || undefined, status: f.status, page: f.page, size: PAGE_SIZE })),
  remove: (id: number) => deleteJson<void>(BASE + '/' + id),
  review: (id: number) => postJson<TaughtExample>(BASE + '/' + id + '/review'),
};

/** Supervisors and administrators see and review everyone's examples; anyone else only their own. */
export function curates(me: Me): boolean {
  return me.roles.includes('SUPERVISOR') || me.roles.includes('ADMIN');
}

/** Who taught it, as people read it: "Alex Agent", or "an unknown author" when the teacher was not recorded. */
export function teacher(e: Pick<TaughtExample, 'taughtBy'>): string {
  return e.taughtBy ? nameOf(e.taughtBy) : 'an unknown author';
}

/** Where an example came from, in words. */
export function originWords(e: Pick<TaughtExample, 'origin' | 'reviewedBy' | 'caseId'>): string {
  switch (e.origin) {
    case 'agent': return 'Not reviewed';
    // Who reviewed it, and when, is said on its own line.
    case 'agent-reviewed': return 'Reviewed';
    case 'api': return 'Taught by a supervisor';
    case 'resolved-case': return e.caseId ? 'Learned from case #' + e.caseId : 'Learned from a resolved case';
    default: return 'Loaded by ' + e.origin;
  }
}

export const STATUS_WORDS: Record<Status, string> = {
  unreviewed: 'Not reviewed', reviewed: 'Reviewed', taught: 'All taught', all: 'All, resolved cases included',
};
