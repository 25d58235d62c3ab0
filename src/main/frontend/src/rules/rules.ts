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
  /** A rule table (false: DRL an administrator wrote). */
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

export function decisionWords(d: Decision): string {
  return (d.selfService ? 'self-service' : 'escalate') + ' · ' + humane(d.queue) + ' · ' + humane(d.priority)
    + (d.requiredSkills?.length ? ' · skills ' + d.requiredSkills.map(humane).join(', ') : '');
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
