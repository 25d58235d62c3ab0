// The routing-rule table as the server speaks it (/api/routing/rules, RuleSetController), and the few rules of the
// editor that are not about drawing: a condition fitted to its field's type, a table as sent, a problem found on its cell.
import { ApiError, getJson, postJson } from '../lib/api';
import { codeWord } from '../lib/labels';

export type ValueType = 'CHOICE' | 'INTEGER' | 'DECIMAL' | 'BOOLEAN' | 'TEXT';

export interface Operator {
  id: string;
  label: string;
}

/** A field a condition may test, with the operators its type allows and (for CHOICE) its values. */
export interface FactField {
  id: string;
  fact: string;
  label: string;
  type: ValueType;
  operators: Operator[];
  values: string[] | null;
  min: number | null;
  max: number | null;
}

export interface FactModel {
  fields: FactField[];
  handling: string[];
  queues: string[];
  priorities: string[];
  skills: string[];
}

export type ConditionValue = string | number | boolean | null;

export interface RuleCondition {
  field: string;
  operator: string;
  value: ConditionValue;
}

export interface RuleActions {
  handling: string | null;
  queue: string | null;
  priority: string | null;
  skills: string[];
  reason: string | null;
}

export interface Rule {
  name: string;
  conditions: RuleCondition[];
  actions: RuleActions;
}

/** A row while it is edited: a key that stays with the row when it moves. */
export interface EditedRule extends Rule {
  key: number;
}

export interface RuleSetVersion {
  version: number;
  label: string;
  rules: { rules: Rule[] } | null;
  author: string;
  reason: string;
  createdAt: string;
  activatedAt: string | null;
  activatedBy: string | null;
  /** The reason given when the version was last activated (a rollback's "why"). */
  activationReason?: string | null;
  active: boolean;
}

export interface VersionSummary {
  version: number;
  label: string;
  author: string;
  reason: string;
  createdAt: string;
  activatedAt: string | null;
  activatedBy: string | null;
  activationReason?: string | null;
  active: boolean;
  /** A rule table (false: a DRL file the server was configured to seed from). */
  table: boolean;
}

export type Change = 'ADDED' | 'REMOVED' | 'CHANGED' | 'MOVED' | 'KEPT';

export interface RowChange {
  change: Change;
  name: string;
  fromRow: number | null;
  toRow: number | null;
  before: Rule | null;
  after: Rule | null;
}

export interface RuleSetDiff {
  from: number;
  to: number;
  /** Null when either side is DRL: then only the lines compare. */
  rows: RowChange[] | null;
  lines: string[];
}

export interface Decision {
  selfService: boolean;
  queue: string;
  priority: string;
  requiredSkills: string[];
  rulesFired: string[];
}

export interface DryRunRow {
  caseId: number;
  decidedAt: string;
  active: Decision;
  candidate: Decision;
  changed: boolean;
  /** Where the case stands when no rules would move it now ("resolved", "held by Alex Agent"); null otherwise. */
  now?: string | null;
}

export interface DryRunResult {
  activeVersion: string;
  replayed: number;
  changed: number;
  rows: DryRunRow[];
}

/** One thing wrong with a table; row from 1 (null: the table as a whole), column as the server names it. */
export interface CellProblem {
  row: number | null;
  column: string | null;
  message: string;
}

// ---- words ----

/** BILLING -> Billing, WHATSAPP -> WhatsApp, KEY_ACCOUNTS -> Key accounts: the words every page uses for codes. */
export function humane(name: string): string {
  return codeWord(name);
}

export function handlingWords(handling: string): string {
  return handling === 'ESCALATE' ? 'escalate to a person' : 'keep in self-service';
}

export function valueWords(field: FactField | undefined, value: ConditionValue): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field?.type === 'BOOLEAN') return value === true || value === 'true' ? 'yes' : 'no';
  if (field?.type === 'CHOICE') return humane(String(value));
  if (field?.type === 'TEXT') return '“' + String(value) + '”';
  return String(value);
}

export function conditionWords(model: FactModel, condition: RuleCondition): string {
  const field = model.fields.find(f => f.id === condition.field);
  const operator = field?.operators.find(o => o.id === condition.operator);
  return (field?.label ?? condition.field) + ' ' + (operator?.label ?? condition.operator) + ' '
    + valueWords(field, condition.value);
}

/** The actions of a row as short phrases, in the table's column order. */
export function actionWords(actions: RuleActions): string[] {
  const words: string[] = [];
  if (actions.handling) words.push(handlingWords(actions.handling));
  if (actions.queue) words.push('queue ' + humane(actions.queue));
  if (actions.priority) words.push('priority at least ' + humane(actions.priority));
  if (actions.skills?.length) words.push('skills ' + actions.skills.map(humane).join(', '));
  if (actions.reason) words.push('tells the agent “' + actions.reason + '”');
  return words;
}

/**
 * What differs between two decisions, each as "what: before → after" ("queue Billing → Technical"); empty when they
 * decide the same. The dry run shows it beside a changed case, so nobody has to compare two columns of words.
 */
export function decisionChanges(before: Decision, after: Decision): string[] {
  const changes: string[] = [];
  const handling = (d: Decision) => (d.selfService ? 'self-service' : 'escalate');
  if (before.selfService !== after.selfService) changes.push(handling(before) + ' → ' + handling(after));
  if (before.queue !== after.queue) changes.push('queue ' + humane(before.queue) + ' → ' + humane(after.queue));
  if (before.priority !== after.priority) changes.push('priority ' + humane(before.priority) + ' → ' + humane(after.priority));
  const skills = (d: Decision) => (d.requiredSkills?.length ? [...d.requiredSkills].sort().map(humane).join(', ') : 'none');
  if (skills(before) !== skills(after)) changes.push('skills ' + skills(before) + ' → ' + skills(after));
  return changes;
}

export function decisionWords(d: Decision): string {
  return (d.selfService ? 'self-service' : 'escalate') + ' · ' + humane(d.queue) + ' · ' + humane(d.priority)
    + (d.requiredSkills?.length ? ' · skills ' + d.requiredSkills.map(humane).join(', ') : '');
}

// ---- the sentence and its values ----

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90, hundred: 100, once: 1, twice: 2, thrice: 3,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  twelfth: 12, twentieth: 20,
};

interface Stated { words: string; number: number; shift: number; unit: string }

/** The counts a sentence states: digits ("3", "3rd"), number words, ordinals, "once", "twice". Read, never run. */
function statedCounts(sentence: string): Stated[] {
  const words = sentence.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const stated: Stated[] = [];
  words.forEach((word, i) => {
    const digits = /^(\d{1,9})(st|nd|rd|th)?$/.exec(word);
    const number = digits ? Number(digits[1]) : Object.hasOwn(NUMBER_WORDS, word) ? NUMBER_WORDS[word] : null;
    if (number === null) return;
    const before = words.slice(Math.max(0, i - 2), i).join(' ');
    const shift = /(more than|over|above)$/.test(before) ? 1 : /(less than|fewer than|under|below)$/.test(before) ? -1 : 0;
    const unit = words[i + 1] ?? '';
    stated.push({ words: unit ? word + ' ' + unit : word, number, shift, unit });
  });
  return stated;
}

/** How many of the field's units one of the sentence's makes: "three days" of a field counted in hours is 72. */
function unitOf(field: string, unit: string): number {
  const days = unit === 'day' || unit === 'days';
  const weeks = unit === 'week' || unit === 'weeks';
  if (field.endsWith('_HOURS')) return days ? 24 : weeks ? 168 : 1;
  if (field.includes('_DAYS')) return weeks ? 7 : 1;
  return 1;
}

/**
 * Why a rule's sentence and its whole-number values disagree, or null: the same reading as the server's
 * (RuleSentence), which refuses such a table. The sentence names the rule in every decision's reasons, so "three
 * times" over a value of 4 tells agents something false (walk of 5 December).
 */
export function sentenceDisagreement(model: FactModel, rule: Rule): string | null {
  const stated = statedCounts(rule.name ?? '');
  if (!stated.length) return null;
  const counts = rule.conditions.map((c, index) => ({ c, index, field: model.fields.find(f => f.id === c.field) }))
    .filter(x => x.field?.type === 'INTEGER' && typeof x.c.value === 'number' && Number.isInteger(x.c.value));
  const bound = (c: RuleCondition) => Number(c.value) + (c.operator === 'MORE_THAN' ? 1 : c.operator === 'LESS_THAN' ? -1 : 0);
  const agree = (s: Stated, c: RuleCondition) => s.number * unitOf(c.field, s.unit) + s.shift === bound(c);
  const unsaid = counts.find(x => !stated.some(s => agree(s, x.c)));
  const stray = stated.find(s => !counts.some(x => agree(s, x.c)));
  if (!unsaid || !stray) return null;
  return 'the sentence says “' + stray.words + '” but condition ' + (unsaid.index + 1) + ' is '
    + conditionWords(model, unsaid.c) + '; change the sentence or the value so that they agree';
}

// ---- conditions fitted to their field ----

/** The value a fresh condition on this field starts with: the first choice, yes, or nothing typed yet. */
export function defaultValue(field: FactField): ConditionValue {
  if (field.type === 'CHOICE') return field.values?.[0] ?? null;
  if (field.type === 'BOOLEAN') return true;
  if (field.type === 'TEXT') return '';
  return null;
}

/**
 * The condition after its field changed: the operator stays if the new field's type allows it (else the first one
 * that does), and the value starts afresh unless it still fits.
 */
export function refit(model: FactModel, condition: RuleCondition, fieldId: string): RuleCondition {
  const field = model.fields.find(f => f.id === fieldId);
  if (!field) return { ...condition, field: fieldId };
  const operator = field.operators.some(o => o.id === condition.operator) ? condition.operator : field.operators[0]?.id ?? '';
  const before = model.fields.find(f => f.id === condition.field);
  const keep = before && before.type === field.type
    && (field.type !== 'CHOICE' || (field.values ?? []).includes(String(condition.value)));
  return { field: field.id, operator, value: keep ? condition.value : defaultValue(field) };
}

export function newCondition(model: FactModel): RuleCondition {
  const field = model.fields[0];
  return { field: field.id, operator: field.operators[0]?.id ?? '', value: defaultValue(field) };
}

let nextKey = 1;

export function edited(rule: Rule): EditedRule {
  const actions: Partial<RuleActions> = rule.actions ?? {};
  return {
    key: nextKey++,
    name: rule.name ?? '',
    conditions: (rule.conditions ?? []).map(c => ({ ...c })),
    actions: {
      handling: actions.handling ?? null,
      queue: actions.queue ?? null,
      priority: actions.priority ?? null,
      skills: [...(actions.skills ?? [])],
      reason: actions.reason ?? null,
    },
  };
}

export function emptyRule(model: FactModel): EditedRule {
  return edited({ name: '', conditions: [newCondition(model)], actions: { handling: null, queue: null, priority: null, skills: [], reason: null } });
}

/** The table as the server takes it: a name is one sentence (line breaks become spaces), empty choices are null. */
export function forServer(rules: EditedRule[]): Rule[] {
  return rules.map(r => ({
    name: r.name.replace(/\s+/g, ' ').trim(),
    conditions: r.conditions.map(c => ({ field: c.field, operator: c.operator, value: c.value })),
    actions: {
      handling: r.actions.handling || null,
      queue: r.actions.queue || null,
      priority: r.actions.priority || null,
      skills: [...r.actions.skills],
      reason: r.actions.reason?.trim() || null,
    },
  }));
}

// ---- problems on their cells ----

/** A 422's errors[] as the editor shows them; table-wide ones (no row) are left to the list above the table. */
export function cellProblems(error: unknown): CellProblem[] {
  if (!(error instanceof ApiError) || !error.problem) return [];
  const errors = error.problem.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
    .map(e => ({
      row: typeof e.row === 'number' ? e.row : null,
      column: typeof e.column === 'string' ? e.column : null,
      message: typeof e.message === 'string' ? e.message : String(e.message ?? ''),
    }));
}

/** The sentences a refusal gives: a 422's problems[], else its detail. */
export function problemSentences(error: unknown): string[] {
  if (error instanceof ApiError) {
    const listed = error.problem?.problems;
    if (Array.isArray(listed) && listed.length) return listed.map(String);
    return [error.detail || error.title];
  }
  return [error instanceof Error ? error.message : String(error)];
}

/**
 * Where in a row a problem's column points: 'name', 'conditions', 'condition:<i>:<part>' (part field, operator, value
 * or '' for the whole condition, i from 1), 'actions', 'actions.handling' ... 'actions.skills', or 'row'.
 */
export function cellOf(column: string | null): string {
  if (!column) return 'row';
  const condition = /^conditions\[(\d+)\](?:\.(field|operator|value))?$/.exec(column);
  if (condition) return 'condition:' + condition[1] + ':' + (condition[2] ?? '');
  if (column.startsWith('actions.skills')) return 'actions.skills';
  return column;
}

/** Problems of one row by the cell they belong to. */
export function problemsOfRow(problems: CellProblem[], row: number): Map<string, string[]> {
  const cells = new Map<string, string[]>();
  problems.filter(p => p.row === row).forEach(p => {
    const cell = cellOf(p.column);
    cells.set(cell, [...(cells.get(cell) ?? []), p.message]);
  });
  return cells;
}

// ---- the API ----

const base = '/api/routing/rules';

/** A call to the rules API; when the session has ended, the user goes to the login form. */
async function call<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) window.location.assign('/login');
    throw e;
  }
}

export const rulesApi = {
  model: () => call(getJson<FactModel>(base + '/model')),
  active: () => call(getJson<RuleSetVersion>(base + '/active')),
  shipped: () => call(getJson<{ rules: Rule[] }>(base + '/shipped')),
  versions: () => call(getJson<VersionSummary[]>(base + '/versions')),
  version: (v: number) => call(getJson<RuleSetVersion>(base + '/versions/' + v)),
  diff: (v: number) => call(getJson<RuleSetDiff>(base + '/versions/' + v + '/diff')),
  validate: (rules: Rule[]) => call(postJson<{ valid: boolean }>(base + '/validate', { rules })),
  dryRun: (rules: Rule[], cases: number) => call(postJson<DryRunResult>(base + '/dry-run', { rules, cases })),
  /** Saves and activates the table, edited from the active version `basedOn` (refused with 409 when another is active now). */
  save: (rules: Rule[], reason: string, basedOn?: number) =>
    call(postJson<RuleSetVersion>(base + '/versions', { rules, reason, basedOn })),
  activate: (v: number, reason: string) => call(postJson<RuleSetVersion>(base + '/versions/' + v + '/activate', { reason })),
};
