// Work nobody saved is not thrown away without a question: closing, reloading or leaving the page asks first.
import { onBeforeUnmount, onMounted, type Ref } from 'vue';

/** While `dirty` is true, the browser asks before the page is left (closed, reloaded, a link followed). */
export function askBeforeLeaving(dirty: Readonly<Ref<boolean>>): void {
  const ask = (event: BeforeUnloadEvent) => {
    if (!dirty.value) return;
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = '';
  };
  onMounted(() => window.addEventListener('beforeunload', ask));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', ask));
}
