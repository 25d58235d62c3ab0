// How every page names what the server sends as codes (channels, case statuses, tiers, topics, priorities) and how it
// counts things: words people read ("WhatsApp", "Resolved", "Standard", "Billing", "High", "1 case"), never the code.

export const CHANNEL_LABELS: Record<string, string> = {
  EMAIL: 'Email', CHAT: 'Web chat', SMS: 'SMS', WHATSAPP: 'WhatsApp', MESSENGER: 'Messenger', VOICE: 'Voice', WEB: 'Web form',
};

export const STATUS_LABELS: Record<string, string> = {
  NEW: 'New', SELF_SERVICE: 'Self-service', ESCALATED: 'Escalated', RESOLVED: 'Resolved', CLOSED: 'Closed',
};

export const TIER_LABELS: Record<string, string> = { STANDARD: 'Standard', GOLD: 'Gold', VIP: 'VIP' };

export const TOPIC_LABELS: Record<string, string> = {
  BILLING: 'Billing', TECHNICAL: 'Technical', ACCOUNT: 'Account', OTHER: 'Other',
};

/** The kinds of address a customer is known by. */
export const IDENTITY_LABELS: Record<string, string> = {
  EMAIL: 'Email', PHONE: 'Phone', CHAT_VISITOR: 'Web chat', MESSENGER: 'Messenger',
};

/** Routing's priorities and skills whose word the general rule below would get wrong (LOW is no abbreviation). */
const ROUTING_LABELS: Record<string, string> = { LOW: 'Low', DE_ESCALATION: 'De-escalation' };

const KNOWN: Record<string, string> = { ...TOPIC_LABELS, ...TIER_LABELS, ...STATUS_LABELS, ...CHANNEL_LABELS, ...ROUTING_LABELS };

/**
 * Any code as a word: the known ones by their name (WHATSAPP -> WhatsApp), else BILLING -> Billing,
 * KEY_ACCOUNTS -> Key accounts; a short abbreviation (VIP, SMS) stays as it is, a lower-case name too.
 */
export function codeWord(code: string | null | undefined): string {
  if (!code) return '';
  if (KNOWN[code]) return KNOWN[code];
  if (/^[A-Z]{2,3}$/.test(code)) return code;
  return code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');
}

/** A code's word from its own list, else codeWord's; '' (or `none`) for no code. */
function labelFrom(labels: Record<string, string>, none = '') {
  return (code: string | null | undefined): string => code ? labels[code] ?? codeWord(code) : none;
}

export const channelLabel = labelFrom(CHANNEL_LABELS, 'Unknown channel');
/** A case's status: "Resolved", "Self-service"; in a sentence, lower-case it ("Case 4 is resolved."). */
export const statusLabel = labelFrom(STATUS_LABELS);
export const tierLabel = labelFrom(TIER_LABELS);
/** A topic: a routing topic by its word however the server spelled it ("account" taught through the API is "Account"). */
export const topicLabel = (code: string | null | undefined): string =>
  code ? TOPIC_LABELS[code.toUpperCase()] ?? codeWord(code) : '';
export const identityLabel = labelFrom(IDENTITY_LABELS);

export const PRIORITIES = [
  { name: 'LOW', value: 25, label: 'Low' },
  { name: 'NORMAL', value: 50, label: 'Normal' },
  { name: 'HIGH', value: 75, label: 'High' },
  { name: 'URGENT', value: 90, label: 'Urgent' },
] as const;

export type PriorityName = typeof PRIORITIES[number]['name'];

/** The level a task priority reaches (a rule may set any number). */
export function priorityName(value: number): PriorityName {
  let name: PriorityName = 'LOW';
  for (const p of PRIORITIES) if (value >= p.value) name = p.name;
  return name;
}

/**
 * The word for a priority, as a number (a task's, 0..100: the level it reaches) or a level's name (HIGH);
 * '' when there is none. Show the number beside it only where it matters (a title, the audit trail).
 */
export function priorityLabel(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const number = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isNaN(number)) return PRIORITIES.find(p => p.name === value)?.label ?? codeWord(String(value));
  return PRIORITIES.find(p => p.name === priorityName(number))!.label;
}

/** A count with its noun in agreement: "1 case", "2 cases", "0 entries" (give the plural when it is not noun + s). */
export function count(n: number, singular: string, plural = singular + 's'): string {
  return n + ' ' + (n === 1 ? singular : plural);
}
