// The live floor's data as /api/supervisor/events sends it (a `snapshot`, then incremental events), and the pure
// functions that fold each event into the page's state: the component and its tests share them.
import type { Mood, QueueItem } from '../desk/types';

export interface QueueFigures {
  queue: string;
  waiting: number;
  handling: number;
  oldestWaitSince: string | null;
  atRisk: number;
  breached: number;
}

export interface AgentFigures {
  username: string;
  displayName: string;
  queues: string[];
  handling: number[];
  load: number;
  idleSince: string | null;
}

export interface FloorAlert {
  id: number;
  kind: string;
  title: string;
  detail: string | null;
  caseIds: number[];
  at: string;
  /** The queues its cases sat in when it was raised (its words name them); absent from an older server. */
  queues?: string[];
}

export interface Volume {
  hours: string[];
  byChannel: Record<string, number[]>;
}

export interface SentimentSeries {
  hours: string[];
  average: (number | null)[];
  messages: number[];
}

export interface FloorState {
  queues: QueueFigures[];
  agents: AgentFigures[];
  conversations: QueueItem[];
  alerts: FloorAlert[];
  volume: Volume;
  sentiment: SentimentSeries;
  at: string;
}

/** A customer message, for the charts. */
export interface FloorMessage {
  caseId: number;
  queue: string;
  channel: string | null;
  at: string;
  score: number | null;
}

export interface Figures {
  queues: QueueFigures[];
  agents: AgentFigures[];
}

/** How many alerts the feed keeps. */
export const ALERTS_SHOWN = 30;

const HOUR = 3_600_000;

/** Worst mood first (falling before steady at the same score), rows without a mood last, then the longest wait. */
export function worstFirst(a: QueueItem, b: QueueItem): number {
  const score = (m: Mood | null) => (m ? m.score : Number.POSITIVE_INFINITY);
  const byScore = score(a.sentiment) - score(b.sentiment);
  if (byScore !== 0 && !Number.isNaN(byScore)) return byScore;
  const falling = (m: Mood | null) => (m?.trend === 'FALLING' ? 0 : 1);
  const byTrend = falling(a.sentiment) - falling(b.sentiment);
  if (byTrend !== 0) return byTrend;
  const wait = (i: QueueItem) => (i.waitingSince ? Date.parse(i.waitingSince) : Number.POSITIVE_INFINITY);
  const byWait = wait(a) - wait(b);
  if (byWait !== 0 && !Number.isNaN(byWait)) return byWait;
  return a.caseId - b.caseId;
}

/** A row came in new or changed: it replaces the case's row, and the list is ordered worst first again. */
export function withConversation(rows: QueueItem[], row: QueueItem): QueueItem[] {
  return [...rows.filter(r => r.caseId !== row.caseId), row].sort(worstFirst);
}

export function withoutConversation(rows: QueueItem[], caseId: number): QueueItem[] {
  return rows.filter(r => r.caseId !== caseId);
}

/** A new alert goes on top; one the feed holds already is not shown twice. */
export function withAlert(alerts: FloorAlert[], alert: FloorAlert): FloorAlert[] {
  return [alert, ...alerts.filter(a => a.id !== alert.id)].slice(0, ALERTS_SHOWN);
}

/**
 * Moves the charts' hourly window on to the hour of `at` when it is later than the last one (older hours drop out),
 * so a message of a new hour has its bucket.
 */
export function advance(state: Pick<FloorState, 'volume' | 'sentiment'>, at: number): void {
  const hours = state.volume.hours;
  if (!hours.length) return;
  let last = Date.parse(hours[hours.length - 1]);
  while (at >= last + HOUR) {
    last += HOUR;
    const next = new Date(last).toISOString();
    state.volume.hours = [...state.volume.hours.slice(1), next];
    Object.keys(state.volume.byChannel).forEach(channel => {
      state.volume.byChannel[channel] = [...state.volume.byChannel[channel].slice(1), 0];
    });
    state.sentiment.hours = [...state.sentiment.hours.slice(1), next];
    state.sentiment.average = [...state.sentiment.average.slice(1), null];
    state.sentiment.messages = [...state.sentiment.messages.slice(1), 0];
  }
}

/** A customer message counts in its hour's volume (by channel) and moves that hour's average mood. */
export function withMessage(state: Pick<FloorState, 'volume' | 'sentiment'>, message: FloorMessage): void {
  const at = Date.parse(message.at);
  if (Number.isNaN(at)) return;
  advance(state, at);
  const first = Date.parse(state.volume.hours[0] ?? '');
  const index = Math.floor((at - first) / HOUR);
  if (Number.isNaN(index) || index < 0 || index >= state.volume.hours.length) return;
  const channel = message.channel ?? 'OTHER';
  const counts = state.volume.byChannel[channel] ?? new Array(state.volume.hours.length).fill(0);
  state.volume.byChannel = { ...state.volume.byChannel, [channel]: counts.map((n, i) => (i === index ? n + 1 : n)) };
  const n = state.sentiment.messages[index] ?? 0;
  state.sentiment.messages = state.sentiment.messages.map((m, i) => (i === index ? m + 1 : m));
  if (message.score !== null && message.score !== undefined) {
    const before = state.sentiment.average[index];
    // The server's average is over the messages with a score; a message without one leaves it as it is.
    const next = before === null || before === undefined || n === 0 ? message.score : (before * n + message.score) / (n + 1);
    state.sentiment.average = state.sentiment.average.map((v, i) => (i === index ? Math.round(next * 1000) / 1000 : v));
  }
}

/** The agents a case of this queue may be given to. */
export function agentsOf(agents: AgentFigures[], queue: string | null): AgentFigures[] {
  const q = (queue ?? 'general').toLowerCase();
  return agents.filter(a => a.queues.includes(q));
}
