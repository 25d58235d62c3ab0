import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, withDirectives } from 'vue';
import { hiddenSides, vScrollHint } from './scrollHint';

function box(scrollWidth: number, clientWidth: number, scrollLeft = 0): HTMLElement {
  const el = document.createElement('div');
  Object.defineProperty(el, 'scrollWidth', { value: scrollWidth, configurable: true });
  Object.defineProperty(el, 'clientWidth', { value: clientWidth, configurable: true });
  el.scrollLeft = scrollLeft;
  return el;
}

afterEach(() => vi.restoreAllMocks());

describe('hiddenSides', () => {
  it('says nothing when the table fits its box', () => {
    expect(hiddenSides(box(390, 390))).toBe('');
  });

  it('names the sides where columns are out of sight', () => {
    expect(hiddenSides(box(800, 390, 0))).toBe('right');
    expect(hiddenSides(box(800, 390, 200))).toBe('left right');
    expect(hiddenSides(box(800, 390, 410))).toBe('left');
  });
});

describe('v-scroll-hint', () => {
  it('marks the box on mount and follows its scrolling', async () => {
    vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockReturnValue(800);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(390);
    const Wide = defineComponent({
      render: () => withDirectives(h('div', { class: 'table-scroll' }, [h('table')]), [[vScrollHint]]),
    });
    const wrapper = mount(Wide, { attachTo: document.body });
    const el = wrapper.element as HTMLElement;
    expect(el.dataset.more).toBe('right');
    el.scrollLeft = 410;
    el.dispatchEvent(new Event('scroll'));
    expect(el.dataset.more).toBe('left');
    wrapper.unmount();
  });

  it('marks a box taller than the window, so that it also says "Scroll sideways" above the table', () => {
    // Walk 50: the routing rules on a phone, 4,000 px tall, said so only under their last row.
    vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockReturnValue(1400);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(390);
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(4000);
    const Tall = defineComponent({
      render: () => withDirectives(h('div', { class: 'table-scroll' }, [h('table')]), [[vScrollHint]]),
    });
    const tall = mount(Tall, { attachTo: document.body });
    expect((tall.element as HTMLElement).dataset.more).toBe('right');
    expect((tall.element as HTMLElement).hasAttribute('data-tall')).toBe(true);
    tall.unmount();

    height.mockReturnValue(200);
    const short = mount(Tall, { attachTo: document.body });
    expect((short.element as HTMLElement).hasAttribute('data-tall')).toBe(false);
    short.unmount();
  });

  it('leaves a box that fits unmarked', () => {
    vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockReturnValue(390);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(390);
    const Narrow = defineComponent({
      render: () => withDirectives(h('div', { class: 'table-scroll' }, [h('table')]), [[vScrollHint]]),
    });
    const wrapper = mount(Narrow);
    expect((wrapper.element as HTMLElement).hasAttribute('data-more')).toBe(false);
    wrapper.unmount();
  });
});
