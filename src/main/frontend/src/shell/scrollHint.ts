// A wide table in a sideways-scrolling box shows that it scrolls: `v-scroll-hint` on the box (class "table-scroll")
// marks where more columns hide, data-more="right", "left" or "left right", and theme.css fades that edge and, while
// columns hide on the right, says "Scroll sideways for more" (above the table too when the box is taller than the
// window, data-tall). Nothing is marked when everything fits.
import type { Directive } from 'vue';

interface Watched {
  update: () => void;
  observer?: ResizeObserver;
}

const watched = new WeakMap<HTMLElement, Watched>();

/** Where the box has content out of sight: '', 'left', 'right' or 'left right'. */
export function hiddenSides(box: HTMLElement): string {
  const overflow = box.scrollWidth - box.clientWidth;
  if (overflow <= 1) return '';
  const sides: string[] = [];
  if (box.scrollLeft > 1) sides.push('left');
  if (box.scrollLeft < overflow - 1) sides.push('right');
  return sides.join(' ');
}

function mark(box: HTMLElement): void {
  const sides = hiddenSides(box);
  if (sides) box.dataset.more = sides;
  else delete box.dataset.more;
  // A box taller than the window says it above the table too: under it, the words are a long way down (walk 50:
  // the routing rules on a phone).
  if (sides && box.clientHeight > window.innerHeight) box.dataset.tall = '';
  else delete box.dataset.tall;
}

export const vScrollHint: Directive<HTMLElement> = {
  mounted(box) {
    const update = () => mark(box);
    const entry: Watched = { update };
    box.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    if (typeof ResizeObserver !== 'undefined') {
      entry.observer = new ResizeObserver(update);
      entry.observer.observe(box);
      // The table grows when rows arrive; the box itself may keep its width.
      if (box.firstElementChild) entry.observer.observe(box.firstElementChild);
    }
    watched.set(box, entry);
    update();
  },
  updated(box) {
    watched.get(box)?.update();
  },
  beforeUnmount(box) {
    const entry = watched.get(box);
    if (!entry) return;
    box.removeEventListener('scroll', entry.update);
    window.removeEventListener('resize', entry.update);
    entry.observer?.disconnect();
    watched.delete(box);
  },
};
