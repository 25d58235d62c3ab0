// The desk's data as the API sends it (see /work/notes/desk-api.md): the queue list, the case, its timeline and events.

export type Channel = 'EMAIL' | 'CHAT' | 'SMS' | 'WHATSAPP' | 'MESSENGER' | 'VOICE' | 'WEB';
export type SentimentLabel = 'NEGATIVE' | 'NEUTRAL' | 'POSITIVE';
export type Trend = 'FALLING' | 'STEADY' | 'RISING';
export type SlaState = 'ok' | 'at-risk' | 'breached';
export type Tab = 'mine' | 'queues' | 'unassigned';

export interface Mood {
  score: number;
  label: SentimentLabel;
  trend?: Trend | null;
}

export interface QueueItem {
  taskId: string;
  caseId: number;
  subject: string | null;
  customerId: number | null;
  customerName: string | null;
  channel: Channel | null;
  queue: string | null;
  priority: number;
  assignee: string | null;
  status: string | null;
  waitingSince: string | null;
  created?: string | null;
  slaDue: string | null;
  slaState: SlaState | null;
  sentiment: Mood | null;
  lastMessage: string | null;
}

export interface QueueAnswer {
  items: QueueItem[];
  counts: Record<Tab, number>;
}

/** The case header: what /api/cases/{id} says, kept current by the case stream's `case` events. */
export interface CaseHeader {
  id: number;
  status: string;
  subject: string | null;
  channel: Channel | null;
  queue: string | null;
  priority: number | null;
  customerId: number | null;
  customerName: string | null;
  assignee: string | null;
  sentiment: Mood | null;
}

/** One entry of the timeline, from GET /timeline or from a live `entry` event. */
export interface Entry {
  id: number;
  kind: string;
  channel: Channel | null;
  author: string | null;
  text: string | null;
  at: string | null;
  sentiment: Mood | null;
  /** How far a reply got (SENT, DELIVERED, READ, FAILED); null: nothing reported (yet). */
  delivery?: string | null;
  /** Why a reply was not sent. */
  deliveryError?: string | null;
  /** A mail from someone on the thread who is not the case's customer (detail.participant): a reply goes to them. */
  participant?: boolean;
  /** A participant nothing confirms to be on the customer's side (detail.unconfirmedParticipant): replies skip them. */
  unconfirmed?: boolean;
}

export interface Article {
  id: string;
  title: string;
}

/** An article or example a suggestion was weighed on, and who stands behind it. */
export interface Source {
  kind: 'ARTICLE' | 'EXAMPLE' | string;
  id: string;
  title: string;
  topic?: string | null;
  /** knowledge, api, agent (taught by an agent, not reviewed), agent-reviewed, resolved-case, … */
  origin?: string | null;
  /** Who wrote or taught it (a login); null when not recorded. */
  author?: string | null;
  authored?: string | null;
  /** An example an agent taught and no supervisor reviewed: it never makes a suggestion read "high". */
  unreviewed?: boolean;
}

export interface Suggestion {
  answered?: boolean;
  answer: string | null;
  topic: string | null;
  confidence: number;
  confidenceLevel?: 'high' | 'medium' | 'low' | null;
  articles?: Article[] | null;
  /** What it was weighed on, the answer's own source first. */
  sources?: Source[] | null;
  /** What to know before trusting it (the server's words). */
  caveat?: string | null;
}

/** The assistant's suggestion for one new customer message. */
export interface Guidance {
  entryId: number;
  question: string;
  suggestion: Suggestion | null;
}

export interface Handover {
  caseId: number;
  status: string;
  /** The server's summary, in its codes; the desk tells its own from the parts (see handoverSummary). */
  summary: string;
  /** Why the case was last handed on ("Reassigned from Alex Agent to Sam Senior by Sara Supervisor: …"), if it was. */
  handedOn?: string | null;
  /** Whom it was handed to then (a login), and when. */
  handedOnTo?: string | null;
  handedOnAt?: string | null;
  /** The messages in and out, oldest first; absent from an older server. */
  transcript?: { direction: string; channel: string | null; author: string | null; text: string | null; at: string | null;
    delivery?: string | null }[];
  customer: {
    id: number;
    displayName: string | null;
    tier: string | null;
    identities: { kind: string; address: string }[];
  } | null;
  assistant: {
    question: string;
    answered: boolean;
    answer: string | null;
    topic: string | null;
    confidence: number;
    declineReason: string | null;
    sources: { kind: string; id?: string; title: string }[] | null;
    /** What the customer's next message said to the answer; null/absent when nothing (yet). */
    customerReaction?: CustomerReaction | null;
  }[];
  routing: {
    selfService: boolean;
    queue: string | null;
    priority: number | null;
    reasons: string[];
    /** For a case the rules gave the assistant: that it went on to a person, and why; null when it did not. */
    handedToPerson?: string | null;
    /** When the rules decided it. */
    decidedAt?: string | null;
  } | null;
  earlierCases: { id: number; status: string; subject: string | null; channel: string | null; openedAt: string }[];
  repeatContact: boolean;
}

/** GET /api/cases/{id}/form: the step a person takes on the case now, with its Camunda Form (form-js schema). */
export interface CaseStep {
  caseId: number;
  /** Null while the assistant keeps the case: resolving it is the step then. */
  taskId: string | null;
  name: string;
  /** RESOLVE: submitting resolves the case; COMPLETE: a task after which the process goes on. */
  action: 'RESOLVE' | 'COMPLETE';
  formId: string | null;
  /** Null when the step has no form. */
  schema: { components?: unknown[]; [key: string]: unknown } | null;
}

/** A field the server refused, from a 400 problem's `errors`. */
export interface FieldError {
  field: string;
  message: string;
}

/** GET /api/cases/{id}/repeats: the customer's earlier cases about the same issue (topic or similar text), latest first. */
export interface Repeats {
  caseId: number;
  topic: string | null;
  windowFrom: string;
  windowTo: string;
  repeatCount: number;
  earlier: {
    caseId: number;
    channel: string | null;
    topic: string | null;
    status: string | null;
    outcome: string;
    firstContact: string;
    lastContact: string;
    messages: number;
    excerpt: string | null;
    readable: boolean;
  }[];
}

/** What a customer's next message said to the assistant's answer (the handover's AssistantTry.customerReaction). */
export type CustomerReaction = 'CONFIRMED' | 'REJECTED' | 'ASKED_FOR_PERSON' | 'REJECTED_AND_ASKED_FOR_PERSON';
