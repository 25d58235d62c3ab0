import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { askBeforeLeaving } from './unsaved';

function leave(): BeforeUnloadEvent {
  const event = new Event('beforeunload', { cancelable: true }) as BeforeUnloadEvent;
  window.dispatchEvent(event);
  return event;
}

describe('askBeforeLeaving', () => {
  it('asks only while there is unsaved work, and stops asking once the page is gone', () => {
    const dirty = ref(false);
    const page = mount(defineComponent({ setup() { askBeforeLeaving(dirty); return () => h('div'); } }));
    expect(leave().defaultPrevented).toBe(false);
    dirty.value = true;
    expect(leave().defaultPrevented).toBe(true);
    page.unmount();
    expect(leave().defaultPrevented).toBe(false);
  });
});
