// A button disabled while its action runs (`:disabled="busy"`) loses the keyboard focus in the browser: it falls to
// <body>, and the next Tab starts again at the top of the page (walk 50: Send reply, Save changes, Find, Save as new
// version, Deploy). `v-keep-focus` on such a button gives the focus back when it is enabled again, unless the page has
// put it somewhere meanwhile (a refused field, a dialog), which stays where the page put it.
import type { Directive } from 'vue';

const held = new WeakSet<HTMLElement>();

function lost(): boolean {
  const now = document.activeElement;
  return now === null || now === document.body || now === document.documentElement;
}

export const vKeepFocus: Directive<HTMLButtonElement | HTMLInputElement> = {
  beforeUpdate(el) {
    if (document.activeElement === el) held.add(el);
  },
  updated(el) {
    if (!held.has(el) || el.disabled) return;
    held.delete(el);
    if (lost() && el.isConnected) el.focus();
  },
  unmounted(el) {
    held.delete(el);
  },
};
