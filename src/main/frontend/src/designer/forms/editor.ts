// The form-js editor, loaded only where forms are edited (its code and stylesheets are a chunk of their own, served
// from this origin, so the strict Content-Security-Policy needs no inline styles).
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import { FormEditor } from '@bpmn-io/form-js-editor';
import { StyleModule } from 'style-mod';

// The editor's expression fields are CodeMirror editors, which put their styles into a <style> element the CSP
// refuses. Given a root without a <head>, they use a constructable stylesheet instead (CSSOM, which the CSP allows):
// hand them the document through such a root.
const stand_ins = new WeakMap<Document, object>();
const mount = StyleModule.mount;
StyleModule.mount = (root, modules, options) => {
  if (root instanceof Document && 'adoptedStyleSheets' in root) {
    let standIn = stand_ins.get(root);
    if (!standIn) {
      const document = root;
      standIn = {
        ownerDocument: document,
        head: null,
        get adoptedStyleSheets() { return document.adoptedStyleSheets; },
        set adoptedStyleSheets(sheets: CSSStyleSheet[]) { document.adoptedStyleSheets = sheets; },
      };
      stand_ins.set(root, standIn);
    }
    return mount(standIn as unknown as Document, modules, options);
  }
  return mount(root, modules, options);
};

export interface SchemaEditor {
  /** Shows a form; resolves when it is drawn. */
  open(schema: object): Promise<void>;
  /** The form as edited, with the editor's schema version and exporter. */
  save(): Record<string, unknown>;
  destroy(): void;
}

/**
 * The components the agent desk shows, as the server's deployment check allows them (DeploymentPolicy's
 * FORM_COMPONENTS): the palette offers these only. It offered a file picker, an iFrame and a document preview, which
 * Deploy then refused (walk of 4 December).
 */
export const DESK_COMPONENTS = new Set(['textfield', 'textarea', 'number', 'checkbox', 'select', 'radio', 'checklist',
  'taglist', 'datetime', 'dynamiclist', 'group', 'text', 'html', 'spacer', 'separator', 'expression', 'button', 'table',
  'default', 'image']);

/** Drops the other components from the editor's registry before its palette is drawn (at the editor's init). */
const deskComponentsOnly = {
  __init__: ['deskComponentsOnly'],
  // The service to inject is named in the array: the production build renames the function's parameter (the editor
  // then failed with 'No provider for "e"', which the unminified tests did not see).
  deskComponentsOnly: ['type', ['formFields', function (formFields: { _formFields: Record<string, unknown> }) {
    for (const type of Object.keys(formFields._formFields)) {
      if (!DESK_COMPONENTS.has(type)) delete formFields._formFields[type];
    }
  }]],
};

/** Puts a form-js editor (palette, canvas, properties) into the container; `changed` hears every edit. */
export function createSchemaEditor(container: HTMLElement, changed: () => void): SchemaEditor {
  const editor = new FormEditor({ container, exporter: { name: 'Omnicase designer', version: '1' },
    additionalModules: [deskComponentsOnly] });
  let importing = false;
  editor.on('changed', () => {
    if (!importing) changed();
  });
  return {
    async open(schema) {
      importing = true;
      try {
        await editor.importSchema(schema);
      } finally {
        importing = false;
      }
    },
    save: () => editor.saveSchema() as Record<string, unknown>,
    destroy: () => editor.destroy(),
  };
}
