// Loading bpmn-js on demand (the designer's largest library, fetched only by this page) and the few diagram services
// the page uses, typed as far as the page needs them.
import type { ElementTemplate, ModelProblem } from './designer';
import { lintConfig } from './lint';
import { delegateBeans } from './designer';

/** A bpmn-js Viewer, NavigatedViewer or Modeler. */
export interface Diagram {
  importXML(xml: string): Promise<{ warnings: unknown[] }>;
  saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
  get<T = any>(name: string): T;
  on(event: string, callback: (event: any) => void): void;
  destroy(): void;
}

export interface LintIssue {
  elementId: string;
  /** How the designer knows the element: its name ("Check invoice"), else its kind and id ("task Activity_1x"). */
  element: string;
  message: string;
  category: string;
  rule: string;
}

/** bpmnlint's own rules say "Element is not connected"; the list says what is wrong with the element it names. */
const RULE_MESSAGES: Record<string, string> = {
  'no-disconnected': 'not connected to the rest of the process',
  'start-event-required': 'the process needs a start event',
  'end-event-required': 'the process needs an end event',
  'no-duplicate-sequence-flows': 'two sequence flows between the same elements',
};

/**
 * bpmn-js's words, as Omnicase's pages say them: the linter's button counts "1 error, 2 warnings" (not "1 Errors, 2
 * Warnings"); every other text as bpmn-js writes it, its placeholders filled.
 */
export function translate(template: string, replacements: Record<string, string> = {}): string {
  if (template === '{errors} Errors, {warnings} Warnings') {
    const plural = (n: number, word: string) => n + ' ' + word + (n === 1 ? '' : 's');
    const errors = Number(replacements.errors) || 0;
    const warnings = Number(replacements.warnings) || 0;
    return [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
  }
  return template.replace(/{([^}]+)}/g, (whole, key: string) => replacements[key] ?? whole);
}

const translateModule = { translate: ['value', translate] };

/** A read-only diagram a person can pan and zoom (versions, diffs, auditors). */
export async function createViewer(container: HTMLElement): Promise<Diagram> {
  const { default: NavigatedViewer } = await import('bpmn-js/lib/NavigatedViewer');
  const { default: camunda } = await import('camunda-bpmn-moddle/resources/camunda.json');
  return new NavigatedViewer({ container, moddleExtensions: { camunda } }) as unknown as Diagram;
}

/**
 * The modeler: Camunda 7 properties panel, Omnicase's element templates, the safe-subset palette and menus, and the
 * linter running while the designer draws.
 */
export async function createModeler(container: HTMLElement, panel: HTMLElement, templates: ElementTemplate[]): Promise<Diagram> {
  const [{ default: Modeler }, properties, elementTemplates, { default: chooser }, { default: behaviors },
    { default: lintModule }, { default: safeSubset }, { default: camunda }] = await Promise.all([
    import('bpmn-js/lib/Modeler'),
    import('bpmn-js-properties-panel'),
    import('bpmn-js-element-templates'),
    import('@bpmn-io/element-template-chooser'),
    import('camunda-bpmn-js-behaviors/lib/camunda-platform'),
    import('bpmn-js-bpmnlint'),
    import('./safeSubsetModule'),
    import('camunda-bpmn-moddle/resources/camunda.json'),
  ]);
  return new Modeler({
    container,
    propertiesPanel: { parent: panel },
    additionalModules: [properties.BpmnPropertiesPanelModule, properties.BpmnPropertiesProviderModule,
      properties.CamundaPlatformPropertiesProviderModule, behaviors, elementTemplates.ElementTemplatesPropertiesProviderModule,
      chooser, lintModule, safeSubset, translateModule],
    moddleExtensions: { camunda },
    elementTemplates: templates,
    linting: { bpmnlint: lintConfig(delegateBeans(templates)), active: true },
  } as any) as unknown as Diagram;
}

/** The linter's findings as a flat list, in the order of the elements. */
export function lintIssues(issues: Record<string, { id: string; message: string; category: string; rule: string }[]>,
  elementOf: (id: string) => { type?: string; businessObject?: { name?: string } } | undefined = () => undefined): LintIssue[] {
  return Object.entries(issues).flatMap(([elementId, list]) =>
    list.map(issue => {
      const id = issue.id || elementId;
      const found = elementOf(id);
      const name = found?.businessObject?.name?.trim();
      const kind = (found?.type ?? '').replace(/^bpmn:/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      const rule = issue.rule.replace(/^bpmnlint\//, '');
      return { elementId: id, element: name ? '“' + name + '”' : (kind ? kind + ' ' : '') + id,
        message: RULE_MESSAGES[rule] ?? issue.message, category: issue.category, rule: issue.rule };
    }));
}

/** Marks the elements the server named, with a badge that says the message (as text) beside each. */
export function showProblems(diagram: Diagram, problems: ModelProblem[], previous: string[]): string[] {
  const canvas = diagram.get('canvas');
  const overlays = diagram.get('overlays');
  const registry = diagram.get('elementRegistry');
  previous.filter(id => registry.get(id)).forEach(id => canvas.removeMarker(id, 'omnicase-problem'));
  overlays.remove({ type: 'omnicase-problem' });
  const marked: string[] = [];
  for (const problem of problems) {
    if (!problem.elementId || !registry.get(problem.elementId)) continue;
    canvas.addMarker(problem.elementId, 'omnicase-problem');
    const badge = document.createElement('div');
    badge.className = 'omnicase-problem-badge';
    badge.textContent = '!';
    badge.title = problem.message;
    overlays.add(problem.elementId, 'omnicase-problem', { position: { top: -10, right: 10 }, html: badge });
    marked.push(problem.elementId);
  }
  return marked;
}

/** A rectangle, in the diagram's units or in pixels. */
export interface Rect { x: number; y: number; width: number; height: number }

/** The smallest zoom at which a task's label can still be read. */
export const READABLE_SCALE = 0.6;

/**
 * Where a diagram opens in a box of `box` pixels whose left `left` pixels the palette covers (a `margin` kept round
 * the free part): the whole process fitted into the free part, but never smaller than a readable size. A process too
 * big to read whole opens at that size from its start event (its left edge beside the palette, centred on it top to
 * bottom as far as the diagram reaches), the rest a pan or a zoom away; bpmn-js's own fit showed it whole and too
 * small to read (walk N13). `whole` says whether all of it is in view.
 */
export function openingView(box: { width: number; height: number }, left: number, margin: number, inner: Rect,
  start: Rect | null): { viewbox: Rect; scale: number; whole: boolean } | null {
  const free = { width: box.width - left - margin, height: box.height - 2 * margin };
  if (free.width <= 0 || free.height <= 0 || !inner.width || !inner.height) return null;
  const fitted = Math.min(1, free.width / inner.width, free.height / inner.height);
  const scale = Math.max(fitted, READABLE_SCALE);
  const width = box.width / scale;
  const height = box.height / scale;
  const centred = inner.y - (height - inner.height) / 2;
  if (scale === fitted) return { viewbox: { x: inner.x - left / scale, y: centred, width, height }, scale, whole: true };
  const from = start ?? { x: inner.x, y: inner.y + inner.height / 2, width: 0, height: 0 };
  const pad = margin / scale;
  // Taller than the box: centred on the start event, but not past the diagram's top or bottom edge.
  const y = inner.height + 2 * pad <= height ? centred
    : Math.min(Math.max(from.y + from.height / 2 - height / 2, inner.y - pad), inner.y + inner.height + pad - height);
  return { viewbox: { x: from.x - left / scale, y, width, height }, scale, whole: false };
}

/** The process's first start event (the one a case starts from), as drawn; none in an empty diagram. */
export function startEventBounds(diagram: Diagram): Rect | null {
  const starts = diagram.get('elementRegistry').filter((e: { type: string; parent?: { type?: string } }) =>
    e.type === 'bpmn:StartEvent' && ['bpmn:Process', 'bpmn:Participant'].includes(e.parent?.type ?? '')) as Rect[];
  const first = starts.sort((a, b) => a.x - b.x)[0];
  return first ? { x: first.x, y: first.y, width: first.width, height: first.height } : null;
}

/** Brings an element into view and selects it (the modeler) or marks it (a viewer). */
export function reveal(diagram: Diagram, elementId: string): boolean {
  const element = diagram.get('elementRegistry').get(elementId);
  if (!element) return false;
  const canvas = diagram.get('canvas');
  canvas.scrollToElement(element);
  try {
    diagram.get('selection').select(element);
  } catch {
    // a viewer without selection
  }
  return true;
}

export type DiffMark = 'added' | 'removed' | 'changed';

/** Colours the elements a diff names on a viewer. */
export function markDiff(diagram: Diagram, marks: Record<string, DiffMark>): number {
  const canvas = diagram.get('canvas');
  const registry = diagram.get('elementRegistry');
  let count = 0;
  for (const [id, mark] of Object.entries(marks)) {
    if (registry.get(id)) {
      canvas.addMarker(id, 'diff-' + mark);
      count++;
    }
  }
  return count;
}
