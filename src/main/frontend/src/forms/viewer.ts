// The form-js viewer, loaded only by pages that show a form (its code and its stylesheet are a chunk of their own).
// The stylesheet is part of the bundle, served from this origin: form-js adds no <style> of its own, so the pages'
// Content-Security-Policy (style-src 'self') stays as strict as it is.
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { Form } from '@bpmn-io/form-js-viewer';

export interface FormViewer {
  /** Validates in the browser, showing errors in the form; the submitted handler hears the outcome. */
  submit(): void;
  /** Greys the form out while a submission is on its way. */
  setDisabled(disabled: boolean): void;
  destroy(): void;
}

/**
 * Renders a Camunda Form into the container. `submitted` hears every submission, from the page's button or from a
 * submit button of the form itself: the form's own variables when valid, null when the form shows errors.
 */
export async function showForm(container: HTMLElement, schema: object,
                               submitted: (data: Record<string, unknown> | null) => void): Promise<FormViewer> {
  // The "Powered by bpmn.io" link under the form stays: form-js-viewer's licence says the watermark must not be
  // removed or changed, and must stay fully visible (node_modules/@bpmn-io/form-js-viewer/LICENSE; walk 44 N12).
  const form = new Form({ container });
  form.on('submit', (event: { data: Record<string, unknown>; errors: Record<string, unknown> }) =>
    submitted(Object.keys(event.errors ?? {}).length ? null : event.data));
  // No data goes in: nothing a customer wrote is templated into a designer's form.
  await form.importSchema(schema, {});
  return {
    submit: () => { form.submit(); },
    setDisabled: disabled => form.setProperty('disabled', disabled),
    destroy: () => form.destroy(),
  };
}
