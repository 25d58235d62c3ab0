// The designer's conversation with the server (contract of issue 15): versions of a process, the element templates
// of the allowlisted delegates, validation, deployment, diff, rollback and the migration of running cases.
import { getJson, postJson, query } from '../lib/api';

/** The process Omnicase runs cases on; the designer edits this one. */
export const PROCESS_KEY = 'customer-case';

/** A deployed version of the process, newest first in lists. */
export interface ProcessVersion {
  version: number;
  processDefinitionId: string;
  deployedBy: string;
  reason: string;
  deployedAt: string;
  /** The version this one deployed again (a rollback), or null. */
  rollbackOf: number | null;
  runningCases: number;
}

/** A form-js schema (a Camunda Form): a JSON object with components, keyed by its id in a version. */
export type FormSchema = Record<string, unknown>;
export type Forms = Record<string, FormSchema>;

export interface ProcessVersionDetail extends ProcessVersion {
  bpmnXml: string;
  forms: Forms;
}

/** A reason a model can't be deployed, on one element (elementId null: the whole document). */
export interface ModelProblem {
  elementId: string | null;
  message: string;
}

export interface DiffElement {
  id: string;
  type: string;
  name: string | null;
}

export interface ChangedElement extends DiffElement {
  changes: string[];
}

/** A form added, removed or changed between two versions, with what changed in words ("field x: label: A -> B"). */
export interface FormChange {
  formId: string;
  change: 'added' | 'removed' | 'changed';
  changes: string[];
}

export interface VersionDiff {
  from: number;
  to: number;
  added: DiffElement[];
  removed: DiffElement[];
  changed: ChangedElement[];
  forms?: FormChange[];
}

export interface MigrationPreview {
  fromVersion: number;
  toVersion: number;
  instructions: { sourceActivityId: string; targetActivityId: string }[];
  unmappedActivities: { activityId: string; name: string | null; instances: number }[];
  runningCases: number;
  canMigrate: number;
  cannotMigrate: { processInstanceId: string; caseId: string | null; reason: string }[];
}

export interface MigrationBatch {
  batchId: string;
  total: number;
  migrated: number;
  failed: number;
  done: boolean;
}

/** A Camunda 7 element template, as far as the page reads it (the properties panel reads the rest). */
export interface ElementTemplate {
  id: string;
  name: string;
  appliesTo: string[];
  properties: { label?: string; type?: string; value?: unknown; binding: { type: string; name?: string } }[];
  [more: string]: unknown;
}

const base = `/api/designer/processes/${PROCESS_KEY}`;

export const designerApi = {
  versions: () => getJson<ProcessVersion[]>(`${base}/versions`),
  version: (version: number) => getJson<ProcessVersionDetail>(`${base}/versions/${version}`),
  templates: () => getJson<ElementTemplate[]>('/api/designer/element-templates'),
  validate: (bpmnXml: string, forms: Forms) => postJson<{ problems: ModelProblem[] }>(`${base}/validate`, { bpmnXml, forms }),
  /** Deploys the model edited from version `basedOn`; one deployed by someone else since refuses it (409). */
  deploy: (bpmnXml: string, forms: Forms, reason: string, basedOn?: number) =>
    postJson<ProcessVersion>(`${base}/deployments`, { bpmnXml, forms, reason, basedOn }),
  diff: (from: number, to: number) => getJson<VersionDiff>(`${base}/diff${query({ from, to })}`),
  rollback: (version: number, reason: string) => postJson<ProcessVersion>(`${base}/versions/${version}/rollback`, { reason }),
  previewMigration: (fromVersion: number, toVersion: number) =>
    postJson<MigrationPreview>(`${base}/migrations/preview`, { fromVersion, toVersion }),
  migrate: (fromVersion: number, toVersion: number) =>
    postJson<{ batchId: string; total: number }>(`${base}/migrations`, { fromVersion, toVersion }),
  batch: (batchId: string) => getJson<MigrationBatch>(`/api/designer/migrations/${encodeURIComponent(batchId)}`),
};

/** The problems a refusal carries (problem+json extension member `problems`), or none. */
export function problemsOf(problem: Record<string, unknown> | undefined): ModelProblem[] {
  const list = problem?.problems;
  if (!Array.isArray(list)) return [];
  return list
    .filter((p): p is Record<string, unknown> => !!p && typeof p === 'object')
    .map(p => ({
      elementId: typeof p.elementId === 'string' && p.elementId ? p.elementId : null,
      message: typeof p.message === 'string' ? p.message : String(p.message ?? ''),
    }));
}

/**
 * The delegate beans the templates bind (`camunda:delegateExpression` = `${bean}`): the only ones a service task may
 * call, so the linter can say "unknown delegate" while the designer draws.
 */
export function delegateBeans(templates: ElementTemplate[]): string[] {
  const beans = new Set<string>();
  for (const template of templates) {
    for (const property of template.properties ?? []) {
      if (property.binding?.type === 'property' && property.binding.name === 'camunda:delegateExpression'
          && typeof property.value === 'string') {
        const bean = /^\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}$/.exec(property.value)?.[1];
        if (bean) beans.add(bean);
      }
    }
  }
  return [...beans].sort();
}

export function may(roles: string[]): { edit: boolean } {
  return { edit: roles.includes('DESIGNER') || roles.includes('ADMIN') };
}
