// A bpmn-js module that offers only what Omnicase runs: the palette, the context pad and the replace menu lose every
// entry for an element or event the safe subset doesn't allow (script tasks, sub-processes, signals, ...), and the
// palette gains the tasks and events designers use most. Providers at the lowest priority see every other entry.
import * as ReplaceOptions from 'bpmn-js/lib/features/replace/ReplaceOptions';
import { CONTEXT_PAD_ENTRIES, PALETTE_ENTRIES, PALETTE_ORDER, supportedShape } from './safeSubset';

type Entries = Record<string, unknown>;
type Target = { type: string; eventDefinitionType?: string };

const LAST = 1;

/** Every replace option bpmn-js knows, by the id its menu entry gets. */
const replaceTargets = new Map<string, Target>();
for (const options of Object.values(ReplaceOptions)) {
  if (!Array.isArray(options)) continue;
  for (const option of options as { actionName: string; target?: Target }[]) {
    if (option.target) replaceTargets.set(option.actionName, option.target);
  }
}
for (const group of Object.values((ReplaceOptions as unknown as { TYPED_EVENT?: Record<string, unknown> }).TYPED_EVENT ?? {})) {
  for (const option of (group as { actionName: string; target?: Target }[])) {
    if (option.target) replaceTargets.set(option.actionName, option.target);
  }
}

/** Whether bpmn-js has a replace option of this id (so a test of the filter can't pass on a misspelt id). */
export function knownReplaceEntry(id: string): boolean {
  return replaceTargets.has(id);
}

/** Keeps the replace-menu entries whose target may be drawn; of the toggles, only "non-interrupting". */
export function keepReplaceEntry(id: string): boolean {
  const target = replaceTargets.get(id);
  if (target) return supportedShape(target.type, target.eventDefinitionType);
  return id === 'toggle-non-interrupting' || id.startsWith('replace.template-');
}

function only(entries: Entries, keep: (id: string) => boolean): Entries {
  return Object.fromEntries(Object.entries(entries).filter(([id]) => keep(id)));
}

interface ElementFactory { createShape(attrs: Record<string, unknown>): unknown }
interface Create { start(event: unknown, shape: unknown): void }
interface Translate { (text: string): string }

function SafeSubsetProvider(this: unknown, palette: { registerProvider(p: number, x: unknown): void },
                            contextPad: { registerProvider(p: number, x: unknown): void },
                            popupMenu: { registerProvider(id: string, p: number, x: unknown): void },
                            elementFactory: ElementFactory, create: Create, translate: Translate) {
  const create_ = (attrs: Record<string, unknown>) => (event: unknown) => create.start(event, elementFactory.createShape(attrs));
  const entry = (className: string, title: string, attrs: Record<string, unknown>) => ({
    group: 'activity', className, title: translate(title), action: { click: create_(attrs), dragstart: create_(attrs) },
  });
  palette.registerProvider(LAST, {
    getPaletteEntries: () => (entries: Entries) => {
      const added: Entries = {
        'create.timer-catch-event': { ...entry('bpmn-icon-intermediate-event-catch-timer', 'Create a timer (wait)',
          { type: 'bpmn:IntermediateCatchEvent', eventDefinitionType: 'bpmn:TimerEventDefinition' }), group: 'event' },
        'create.message-catch-event': { ...entry('bpmn-icon-intermediate-event-catch-message',
          'Create a message catch event (wait for the customer)',
          { type: 'bpmn:IntermediateCatchEvent', eventDefinitionType: 'bpmn:MessageEventDefinition' }), group: 'event' },
        'create.user-task': entry('bpmn-icon-user-task', 'Create a user task (a person works on the case)', { type: 'bpmn:UserTask' }),
        'create.service-task': entry('bpmn-icon-service-task', 'Create a service task (then pick a template: what Omnicase does)',
          { type: 'bpmn:ServiceTask' }),
      };
      const all = { ...entries, ...added };
      // Grouped as the palette draws them: tools, events, gateways, tasks, pools.
      return Object.fromEntries(PALETTE_ORDER.filter(id => id in all && PALETTE_ENTRIES.has(id)).map(id => [id, all[id]]));
    },
  });
  contextPad.registerProvider(LAST, {
    getContextPadEntries: () => (entries: Entries) => only(entries, id => CONTEXT_PAD_ENTRIES.has(id)),
  });
  popupMenu.registerProvider('bpmn-replace', LAST, {
    getPopupMenuEntries: () => (entries: Entries) => only(entries, keepReplaceEntry),
    getPopupMenuHeaderEntries: () => (entries: Entries) => only(entries, keepReplaceEntry),
  });
}

SafeSubsetProvider.$inject = ['palette', 'contextPad', 'popupMenu', 'elementFactory', 'create', 'translate'];

export default {
  __init__: ['omnicaseSafeSubset'],
  omnicaseSafeSubset: ['type', SafeSubsetProvider],
};
