import { onBeforeUnmount, onMounted, ref } from 'vue';

/** The current time, ticking every `every` ms while the component lives, so relative times and countdowns move. */
export function useNow(every = 1000) {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => { timer = setInterval(() => { now.value = Date.now(); }, every); });
  onBeforeUnmount(() => { if (timer) clearInterval(timer); });
  return now;
}
