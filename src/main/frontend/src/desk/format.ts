// How the desk says times, SLA, mood and confidence in words. Pure functions: the components and their tests share them.
// Codes as words (channels, statuses, tiers, topics, priorities) come from ../lib/labels, times from ../lib/time.
import { channelLabel, count, priorityLabel, statusLabel, tierLabel, topicLabel } from '../lib/labels';
import { clock, dateTime } from '../lib/time';
import { nameOf } from '../lib/people';
import type { CustomerReaction, Handover, Mood, QueueItem, SentimentLabel, SlaState, Suggestion, Trend } from './types';

/** A duration as people say it: "45 s", "12 min", "2 h 5 min", "3 d 4 h". */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return seconds + ' s';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return minutes + ' min';
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours + ' h' + (minutes % 60 ? ' ' + (minutes % 60) + ' min' : '');
  const days = Math.floor(hours / 24);
  return days + ' d' + (hours % 24 ? ' ' + (hours % 24) + ' h' : '');
}

/** "waiting 12 min" since the customer's oldest unanswered message. */
/** How long the customer waits for a person; "answered" when a person answered every message (none waits). */
export function waiting(since: string | null | undefined, now: number): string {
  if (!since) return 'answered';
  return 'waiting ' + duration(now - Date.parse(since));
}

const SEVERITY: Record<SlaState, number> = { ok: 0, 'at-risk': 1, breached: 2 };

/**
 * The SLA's state now: breached once the due time passed, at risk with less than a quarter of the window or 15
 * minutes left; the server's word counts too (the worse of both), so a row never looks better than the API says.
 */
export function slaState(item: Pick<QueueItem, 'slaDue' | 'slaState' | 'created'>, now: number): SlaState | null {
  if (!item.slaDue) return item.slaState ?? null;
  const due = Date.parse(item.slaDue);
  const left = due - now;
  let local: SlaState = 'ok';
  if (left <= 0) {
    local = 'breached';
  } else {
    const created = item.created ? Date.parse(item.created) : NaN;
    const window = Number.isNaN(created) ? NaN : due - created;
    if (left < 15 * 60 * 1000 || (!Number.isNaN(window) && left < window / 4)) local = 'at-risk';
  }
  const server = item.slaState ?? 'ok';
  return SEVERITY[server] > SEVERITY[local] ? server : local;
}

/** "SLA 1 h 5 min left" or "SLA breached 3 min ago". */
export function slaText(slaDue: string | null | undefined, now: number): string {
  if (!slaDue) return 'No SLA';
  const left = Date.parse(slaDue) - now;
  return left > 0 ? 'SLA ' + duration(left) + ' left' : 'SLA breached ' + duration(-left) + ' ago';
}

export const SLA_WORDS: Record<SlaState, string> = { ok: 'on time', 'at-risk': 'at risk', breached: 'breached' };

const LABEL_WORDS: Record<SentimentLabel, string> = { NEGATIVE: 'Negative', NEUTRAL: 'Neutral', POSITIVE: 'Positive' };
const TREND_WORDS: Record<Trend, string> = { FALLING: 'getting worse', STEADY: 'steady', RISING: 'improving' };

export function sentimentWord(mood: Mood | null | undefined): string {
  if (!mood) return 'No mood yet';
  return LABEL_WORDS[mood.label] ?? String(mood.label);
}

export function trendWord(trend: Trend | null | undefined): string {
  return trend ? TREND_WORDS[trend] ?? '' : '';
}

/** "Negative, getting worse". */
export function moodText(mood: Mood | null | undefined): string {
  if (!mood) return 'No mood yet';
  const trend = trendWord(mood.trend);
  return sentimentWord(mood) + (trend ? ', ' + trend : '');
}

/** A sentiment score with two decimals; a score that rounds to zero shows as 0.00, never "-0.00". */
export function score(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}

/** The badge colour for a mood. */
export function moodTone(mood: Mood | null | undefined): 'ok' | 'warn' | 'bad' | '' {
  if (!mood) return '';
  return mood.label === 'NEGATIVE' ? 'bad' : mood.label === 'POSITIVE' ? 'ok' : '';
}

/** The case's rolling mood from /api/cases/{id} ({value, trend: IMPROVING|WORSENING|STEADY, messages}) or a `case` event. */
export function moodOf(raw: unknown): Mood | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.messages === 'number' && r.messages === 0) return null;
  const score = typeof r.score === 'number' ? r.score : typeof r.value === 'number' ? r.value : null;
  if (score === null) return null;
  const label = (typeof r.label === 'string' ? r.label : score <= -0.05 ? 'NEGATIVE' : score >= 0.05 ? 'POSITIVE' : 'NEUTRAL') as SentimentLabel;
  const t = r.trend;
  const trend: Trend = t === 'FALLING' || t === 'WORSENING' ? 'FALLING' : t === 'RISING' || t === 'IMPROVING' ? 'RISING' : 'STEADY';
  return { score, label, trend };
}

export type ConfidenceLevel = 'high' | 'medium' | 'low';

/** The server's word for the confidence, else the same rule (high from 0.75, medium from 0.5). */
export function confidenceLevel(s: Suggestion): ConfidenceLevel {
  if (s.confidenceLevel === 'high' || s.confidenceLevel === 'medium' || s.confidenceLevel === 'low') return s.confidenceLevel;
  return s.confidence >= 0.75 ? 'high' : s.confidence >= 0.5 ? 'medium' : 'low';
}

/**
 * Who stands behind a suggestion's answer, when it comes from an example: "Taught by Alex Agent, not reviewed" (a
 * colleague could not tell that one agent, unreviewed, wrote it: probe 46), "Taught by Sara Supervisor", "From a case
 * Alex Agent resolved". Null for an answer drawn from an article (the article is named below it).
 */
export function answerProvenance(s: Suggestion): { text: string; unreviewed: boolean } | null {
  const first = s.sources?.[0];
  if (!first || first.kind !== 'EXAMPLE') return null;
  const who = first.author ? nameOf(first.author) : 'an unknown author';
  if (first.unreviewed) {
    return { text: 'Taught by ' + who + ', not reviewed: an example no supervisor reviewed never reads high confidence.',
      unreviewed: true };
  }
  switch (first.origin) {
    case 'resolved-case': return { text: 'From a case ' + who + ' resolved.', unreviewed: false };
    case 'agent-reviewed': return { text: 'Taught by ' + who + ', reviewed by a supervisor.', unreviewed: false };
    default: return { text: 'Taught by ' + who + '.', unreviewed: false };
  }
}

/**
 * Whether the answer is how another case was resolved (a resolved case's resolution, learned as an example). The
 * confidence says how sure the assistant is of the question's topic; a resolution answers its own case's question,
 * which may be another one of that topic (walk 50: a wrong VAT number on an invoice was offered "the second payment is
 * refunded today" at medium confidence).
 */
export function fromResolvedCase(s: Suggestion | null | undefined): boolean {
  const first = s?.sources?.[0];
  return !!first && first.kind === 'EXAMPLE' && first.origin === 'resolved-case';
}

/**
 * Only an answer the assistant is at least fairly sure of may be put into the reply box with one click; another case's
 * resolution only when it is highly sure (below that it is shown as a similar case, to read, not to send).
 */
export function offersOneClick(s: Suggestion | null | undefined): boolean {
  return !!s && !!s.answer && s.answered !== false && confidenceLevel(s) !== 'low'
    && (confidenceLevel(s) === 'high' || !fromResolvedCase(s));
}

/** A resolution of a similar case shown for reading: an answer from a resolved case at medium confidence. */
export function similarCaseOnly(s: Suggestion | null | undefined): boolean {
  return !!s && !!s.answer && s.answered !== false && fromResolvedCase(s) && confidenceLevel(s) === 'medium';
}

export function statusTone(status: string | null | undefined): 'ok' | 'warn' | 'bad' | '' {
  switch (status) {
    case 'RESOLVED': case 'CLOSED': return 'ok';
    case 'ESCALATED': return 'warn';
    default: return '';
  }
}

export const isReadOnly = (status: string | null | undefined) => status === 'RESOLVED' || status === 'CLOSED';
/**
 * Whether a case that has just moved to this state may have a person's step (a form) to ask for: not when it is
 * read-only, nor when it has just become new or gone to the assistant (the case process gives people a step once it is
 * escalated). Asked then, a reopened case answered 404 before its new step existed, which the browser logs as an
 * error (walk 48). A case opened in any state that is not read-only is asked: a designer's task may wait on a case the
 * assistant holds.
 */
export const stepMayFollow = (status: string | null | undefined) =>
  !isReadOnly(status) && status !== 'NEW' && status !== 'SELF_SERVICE';

const QUOTE = 160;

function quote(text: string | null | undefined): string {
  const oneLine = (text ?? '').replace(/\s+/g, ' ').trim();
  return oneLine.length <= QUOTE ? oneLine : oneLine.substring(0, QUOTE) + '…';
}

/** A reason as it reads after "because": "A message about billing…" is "a message about billing…"; "I", "VIP" stay. */
function midSentence(reason: string): string {
  const first = reason.split(/[\s,.:;]/, 1)[0];
  const keep = !first || first === 'I' || (first.length > 1 && first === first.toUpperCase());
  return keep ? reason : reason.charAt(0).toLowerCase() + reason.slice(1);
}

/** Where a case sits now, as its header says: the queue, the priority and (when known) who holds it. */
export interface CasePlacement {
  queue: string | null;
  priority: number | null;
  /** Undefined: not known here; null: nobody holds it. */
  assignee?: string | null;
  /** A resolved or closed case is held by nobody: that is no news about its hand-over. */
  status?: string | null;
}

/** "queue billing, priority urgent". */
export function placementWords(p: { queue: string | null; priority: number | null }): string {
  return 'queue ' + (p.queue ?? '–') + (p.priority !== null ? ', priority ' + priorityLabel(p.priority).toLowerCase() : '');
}

/**
 * Where the case sits now when a person moved it since the rules placed it for a person (another queue, another
 * priority); null while it sits where the rules put it.
 */
export function movedSince(routing: NonNullable<Handover['routing']>, now: CasePlacement): { queue: string | null; priority: number | null } | null {
  if (routing.selfService) return null;
  const queueMoved = !!now.queue && now.queue.toLowerCase() !== (routing.queue ?? '').toLowerCase();
  const priorityMoved = now.priority !== null && routing.priority !== null && now.priority !== routing.priority;
  return queueMoved || priorityMoved
    ? { queue: now.queue ?? routing.queue, priority: now.priority ?? routing.priority } : null;
}

/**
 * The handover's few sentences, told from its parts in words (channels, tier, topic, status, priority as people read
 * them); the server's own summary when the answer carries no transcript to tell it from.
 */
export function handoverSummary(h: Handover, now?: CasePlacement): string {
  if (!Array.isArray(h.transcript)) return h.summary;
  const sentences: string[] = [];
  const inbound = h.transcript.filter(m => m.direction === 'INBOUND');
  const channels = [...new Set(inbound.map(m => m.channel).filter((c): c is string => !!c))].map(channelLabel);
  const who = h.customer?.displayName || 'The customer';
  const tier = h.customer?.tier ? ' (' + tierLabel(h.customer.tier) + ')' : '';
  if (inbound.length) {
    sentences.push(who + tier + ' wrote ' + count(inbound.length, 'message')
      + (channels.length ? ' via ' + channels.join(', ') : '') + ', first: "' + quote(inbound[0].text) + '"'
      + (inbound.length > 1 ? '; latest: "' + quote(inbound[inbound.length - 1].text) + '"' : '') + '.');
  }
  const tries = h.assistant ?? [];
  if (!tries.length) {
    sentences.push('The assistant did not handle this case.');
  } else {
    const answered = tries.filter(t => t.answered).length;
    const last = tries[tries.length - 1];
    sentences.push('The assistant tried ' + count(tries.length, 'time') + ' (' + answered + ' answered); last: '
      + (last.answered
        ? 'answered' + (last.topic ? ' about ' + topicLabel(last.topic).toLowerCase() : '') + ' with '
          + confidenceLevel({ answer: last.answer, topic: last.topic, confidence: last.confidence }) + ' confidence'
          + (last.customerReaction ? '; the customer ' + reactionWords(last.customerReaction) : '')
        : 'declined' + (last.declineReason ? ' because ' + last.declineReason : '')) + '.');
  }
  // What the next holder needs from the colleagues before them: the last thing a person told the customer, and why
  // the case was handed on.
  const lastReply = h.transcript.filter(m => m.direction === 'OUTBOUND' && m.author && !m.author.startsWith('assistant')).pop();
  // A reply that never left is said as such (walk 46: the next holder read the refund promise as told).
  if (lastReply) sentences.push('Last reply by ' + nameOf(lastReply.author)
    + (lastReply.delivery === 'FAILED' ? ' (not sent: the customer did not get it)' : '') + ': "' + quote(lastReply.text) + '".');
  if (h.handedOn) {
    sentences.push(/[.!?]$/.test(h.handedOn) ? h.handedOn : h.handedOn + '.');
    // The hand-over names who got the case then; when someone else holds it now, the page says so beside it.
    if (now && now.assignee !== undefined && !isReadOnly(now.status) && h.handedOnTo && now.assignee !== h.handedOnTo) {
      sentences.push('Now ' + (now.assignee ? 'held by ' + nameOf(now.assignee) : 'nobody holds it') + '.');
    }
  }
  const routing = h.routing;
  if (routing) {
    // Where the case is now comes first when a person moved it since (a supervisor's move or priority): the rules'
    // placement is history then, marked with its time, and read alone beside the header it looked stale (walk 45).
    const moved = now ? movedSince(routing, now) : null;
    sentences.push('Routing: ' + (routing.selfService ? 'self-service' + (routing.handedToPerson ? ' at first' : '')
      : moved ? 'now ' + placementWords(moved) + '; at handover' + (routing.decidedAt ? ' (' + dateTime(routing.decidedAt) + ')' : '')
        + ' ' + placementWords(routing)
      : placementWords(routing))
      + (routing.reasons.length ? ', because ' + routing.reasons.map(midSentence).join('; ') : '')
      + (routing.handedToPerson ? '; then ' + routing.handedToPerson : '') + '.');
  }
  const earlier = h.earlierCases ?? [];
  sentences.push(!earlier.length ? 'No earlier cases.' : count(earlier.length, 'earlier case', 'earlier cases')
    + ', latest #' + earlier[0].id + ' (' + statusLabel(earlier[0].status).toLowerCase()
    + (earlier[0].subject ? ': ' + quote(earlier[0].subject) : '') + ').');
  if (h.repeatContact) sentences.push('Repeat contact: another case within 30 days.');
  return sentences.join(' ');
}

/**
 * The server writes a moved SLA deadline in UTC ("SLA due 2026-12-04 12:52 UTC → 09:52 UTC"); the entry's detail has
 * both instants, so the desk says them in the reader's time, like every other time on the page.
 */
export function localSla(text: string, from: string | null | undefined, to: string): string {
  const sameDay = !!from && new Date(from).toDateString() === new Date(to).toDateString();
  const words = 'SLA due ' + (from ? dateTime(from) : 'none') + ' → ' + (sameDay ? clock(to) : dateTime(to));
  return text.replace(/SLA due (?:none|\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC) → (?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} UTC/, words);
}

/** What the customer said to an answer, after "the customer": "said it did not help and asked for a person". */
export function reactionWords(reaction: CustomerReaction): string {
  return ({
    CONFIRMED: 'said it helped',
    REJECTED: 'said it did not help',
    ASKED_FOR_PERSON: 'asked for a person',
    REJECTED_AND_ASKED_FOR_PERSON: 'said it did not help and asked for a person',
  } as Record<CustomerReaction, string>)[reaction] ?? '';
}
