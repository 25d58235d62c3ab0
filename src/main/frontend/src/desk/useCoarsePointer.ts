import { onBeforeUnmount, ref } from 'vue';

/**
 * Whether the primary pointer is coarse (a finger: a phone, a tablet). Keyboard hints ("press /", "Ctrl+Enter
 * sends", the shortcuts list) tell such a reader about keys they do not have; the keys still work for one with a
 * keyboard attached. Follows the device when it changes (a tablet docked to a keyboard and trackpad). A browser
 * that cannot say (no matchMedia) keeps the hints.
 */
export function useCoarsePointer() {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('(pointer: coarse)') : null;
  const coarse = ref(query?.matches ?? false);
  const follow = (event: MediaQueryListEvent) => { coarse.value = event.matches; };
  query?.addEventListener?.('change', follow);
  onBeforeUnmount(() => query?.removeEventListener?.('change', follow));
  return coarse;
}
