// The audit trail as the page reads it: entries in chain order, each told in a sentence, with the why of decisions.
import { getJson, postJson } from '../lib/api';
import { channelLabel, priorityLabel, topicLabel } from '../lib/labels';
import { nameOf } from '../lib/people';
import { dateTime } from '../lib/time';

export interface AuditEntry {
  seq: number;
  kind: string;
  caseId?: number;
  customerId?: number;
  actor: string;
  occurredAt: string;
  /** The entry's recorded content; absent once the customer's data was erased (its digest stays in the chain). */
  content?: Record<string, unknown> | null;
  pseudonymised: boolean;
  contentDigest: string;
  prevHash: string;
  hash: string;
}

export interface CaseSummary {
  id: number;
  customerId: number;
  status: string;
  subject?: string | null;
  channel: string;
  queue?: string | null;
  openedAt: string;
  closedAt?: string | null;
}

export interface RuleSetText {
  version: number;
  label: string;
  checksum: string;
  drl: string;
  author?: string;
  reason?: string;
  createdAt?: string;
}

export interface Trace {
  caseSummary?: CaseSummary | null;
  customerId?: number | null;
  customerName?: string | null;
  cases: CaseSummary[];
  entries: AuditEntry[];
  ruleSets: Record<string, RuleSetText>;
}

export interface Verification {
  valid: boolean;
  entries: number;
  headSeq: number;
  headHash: string;
  firstBroken?: { seq: number; problem: string } | null;
  checkpoints: number;
  verifiedAt: string;
}

export interface Found {
  cases: CaseSummary[];
  customers: { id: number; name: string; cases: number }[];
}

export interface Erasure {
  customerId: number;
  cases: number[];
  auditEntriesPseudonymised: number;
  stores: string[];
  erasedBy?: string;
  erasedAt: string;
}

/** A customer's name for a heading: the server's fallback ("Customer #38") is not written twice after the number. */
export function customerHeading(id: number | null | undefined, name: string | null | undefined): string {
  const fallback = 'Customer #' + id;
  const shown = (name ?? '').trim();
  return !shown || shown === fallback ? fallback : fallback + ': ' + shown;
}

/**
 * The erasure of this customer as the trail records it (the entry "customer.erased" keeps who, when, which cases and
 * which stores), or null when the customer was not erased.
 */
export function erasureOf(trace: Trace | null): Erasure | null {
  const id = trace?.customerId;
  if (id === null || id === undefined || trace?.caseSummary) return null;
  const entry = [...trace!.entries].reverse().find(e => e.kind === 'customer.erased' && e.customerId === id);
  if (!entry) return null;
  const c = entry.content ?? {};
  return {
    customerId: id,
    cases: Array.isArray(c.cases) ? c.cases.map(Number) : [],
    auditEntriesPseudonymised: Number(c.auditEntriesPseudonymised ?? 0),
    stores: Array.isArray(c.stores) ? c.stores.map(String) : [],
    erasedBy: entry.actor,
    erasedAt: entry.occurredAt,
  };
}

export const auditApi = {
  find: (q: string) => getJson<Found>('/api/audit/find?q=' + encodeURIComponent(q)),
  caseTrace: (id: number) => getJson<Trace>(`/api/audit/cases/${id}/trace`),
  customerTrace: (id: number) => getJson<Trace>(`/api/audit/customers/${id}/trace`),
  verify: () => getJson<Verification>('/api/audit/verification'),
  erase: (id: number, reason: string) => postJson<Erasure>(`/api/audit/customers/${id}/erasure`, { reason }),
};

const titles: Record<string, string> = {
  'case.opened': 'Case opened',
  'message.in': 'Customer message',
  'message.out': 'Reply',
  'reply.queued': 'Reply handed to the channel',
  // The channel did not send it (walk 46: a reply that never left read as sent on the trail).
  'reply.failed': 'Reply not sent',
  // What the rules answered, and then what the case got: a priority is never lowered, a held task stays with its holder,
  // so the two may differ (walk 42: "normal" then "urgent" for one decision, with nothing to say which applied).
  'routing.decided': 'Routing decision: what the rules answered',
  'routing.recorded': 'Decision applied to the case',
  'case.moved': 'Queue or priority changed',
  'case.status': 'Status changed',
  'case.sla-breached': 'SLA breached',
  'case.sla-changed': 'SLA deadline changed (priority)',
  'case.customer-merged': 'Customers merged',
  'customers.merged': 'Customers merged',
  'task.assigned': 'Task assigned',
  'task.unassigned': 'Task back to its queue',
  'process.started': 'Case process started',
  'process.deployed': 'Process version deployed',
  'process.migrated': 'Case moved to another process version',
  'rules.activated': 'Rule set activated',
  'users.changed': 'Account changed (Users and queues)',
  'assistant.example-reviewed': 'Taught example reviewed',
  'assistant.example-removed': 'Taught example removed',
  'case.read': 'Case read',
  'customer.erased': 'Customer data erased',
  'case.anonymised': 'Case anonymised (retention)',
};

/** A heading for an entry's kind; unknown kinds are shown as they are. */
export function titleOf(kind: string): string {
  return titles[kind] ?? kind;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(text).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A decision's priority in words, with the number the rules set (the trail keeps what was decided exactly). */
function priorityOf(value: unknown): string {
  const raw = text(value);
  const word = priorityLabel(typeof value === 'number' ? value : raw);
  return !word ? raw : word.toLowerCase() === raw.toLowerCase() ? word.toLowerCase() : `${word.toLowerCase()} (${raw})`;
}

/** One line saying what the entry records, from its content; plain text, never markup. */
export function summaryOf(entry: AuditEntry): string {
  const c = entry.content;
  // Who read it is the entry's actor, shown beside its title.
  if (entry.kind === 'case.read') return '';
  if (!c) return entry.pseudonymised ? 'Content erased; its digest stays in the chain.' : '';
  switch (entry.kind) {
    case 'message.in':
    case 'message.out':
      return `${c.channel ? channelLabel(text(c.channel)) : 'timeline'} · ${text(c.text)}`;
    case 'routing.decided':
      return (c.selfService ? 'Self-service' : `Escalate to ${text(c.queue)}`) + `, priority ${priorityOf(c.priority)}`
        + `, rules ${text(c.ruleSetVersion)}`;
    case 'process.started':
      return `${text(c.processKey)} version ${text(c.processVersion)}`;
    case 'process.deployed':
      return `${text(c.processKey)} version ${text(c.version)}`
        + (c.rollbackOf ? ` (rollback to version ${text(c.rollbackOf)})` : '') + (c.reason ? `: ${text(c.reason)}` : '');
    case 'process.migrated':
      return `${text(c.processKey)} version ${text(c.fromVersion)} → ${text(c.toVersion)} (batch ${text(c.batchId)})`;
    case 'case.sla-changed':
      return `priority ${priorityOf(c.priorityBefore)} → ${priorityOf(c.priorityAfter)}, due `
        + `${c.dueBefore ? dateTime(text(c.dueBefore)) : 'none'} → ${dateTime(text(c.dueAfter))}`
        + (c.reason ? `: ${text(c.reason)}` : '');
    case 'task.assigned':
      return `to ${nameOf(text(c.assignee))}`;
    case 'reply.queued':
      return `${channelLabel(text(c.channel))}${c.automatic ? ' · written by the assistant' : ''}`;
    case 'reply.failed':
      return `the customer did not get it: ${text(c.error) || 'no reason given'}`;
    case 'rules.activated':
      return `${text(c.label)}: ${text(c.reason)}`;
    case 'users.changed':
      return `${text(c.username)} ${text(c.change)}: roles ${text(c.roles) || 'none'}, queues ${text(c.queues) || 'none'}`
        + (c.enabled === false ? ', disabled' : '');
    case 'assistant.example-reviewed':
    case 'assistant.example-removed':
      return `example ${text(c.exampleId)} (${topicLabel(text(c.topic))}), taught by `
        + `${c.taughtBy ? nameOf(text(c.taughtBy)) : 'an unknown author'}: ${text(c.question)}`;
    case 'customer.erased': {
      const cases = Array.isArray(c.cases) ? c.cases.map(id => '#' + text(id)) : [];
      return (cases.length === 1 ? 'case ' : cases.length ? 'cases ' : 'no case') + cases.join(', ') + `: ${text(c.reason)}`;
    }
    case 'case.opened':
      return `on ${channelLabel(text(c.channel))}`;
    default:
      return text(c.text ?? '');
  }
}

/** What the rules read for "no earlier contact" (RepeatFacts.NEVER): a number, said in words beside it. */
const NEVER = 1_000_000;

/**
 * A fact's value as a reader takes it in: a long fraction to four decimals (the exact value stays in `exact`), the
 * "never" stand-in of a days-since fact said in words.
 */
function factValue(name: string, value: unknown): { value: string; exact?: string } {
  if (typeof value === 'number' && /days?Since/i.test(name) && value >= NEVER) {
    return { value: `${value} (no earlier contact)` };
  }
  if (typeof value === 'number' && !Number.isInteger(value) && String(value).length > 8) {
    return { value: String(Number(value.toFixed(4))), exact: String(value) };
  }
  return { value: text(value) };
}

/** The facts a decision read, flattened to "section.field = value" rows in a stable order. */
export function factRows(facts: unknown, prefix = ''): { name: string; value: string; exact?: string }[] {
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) {
    return prefix ? [{ name: prefix, ...factValue(prefix, facts) }] : [];
  }
  return Object.keys(facts as Record<string, unknown>).sort().flatMap(key =>
    factRows((facts as Record<string, unknown>)[key], prefix ? `${prefix}.${key}` : key));
}

export function shortHash(hash: string): string {
  return hash.substring(0, 12) + '…';
}
