import { mount } from '@vue/test-utils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import AlertFeed from './AlertFeed.vue';

const alert = { id: 3, kind: 'sla-breached', title: 'SLA breached on case #1', detail: 'SLA breached in queue billing',
  caseIds: [1], at: '2026-12-01T10:00:00Z' };

// jsdom draws no styles (and Vitest leaves the component's out): the contrast is worked out from the shipped CSS,
// the theme's colours and the settled alert's own rule, as a browser would paint them (WCAG 2 relative luminance).
const theme = readFileSync(resolve(__dirname, '../shell/theme.css'), 'utf8');
const component = readFileSync(resolve(__dirname, 'AlertFeed.vue'), 'utf8');
const colours = Object.fromEntries([...theme.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\b/gi)].map(m => [m[1], m[2]]));

/** The declarations of `selector`'s rule in the component's style (none: an empty object). */
function rule(selector: string): Record<string, string> {
  const body = new RegExp('(?:^|\\n)' + selector.replace(/\./g, '\\.') + '\\s*\\{([^}]*)\\}').exec(component)?.[1] ?? '';
  return Object.fromEntries(body.split(';').map(d => d.split(':').map(x => x.trim())).filter(d => d[0] && d[1]));
}

const rgb = (value: string) => {
  const hex = value.replace(/var\(--([\w-]+)\)/, (_, name: string) => colours[name]);
  return [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16));
};
const over = (fg: number[], bg: number[], alpha: number) => fg.map((c, i) => alpha * c + (1 - alpha) * bg[i]);
const luminance = (c: number[]) => c.map(v => v / 255).map(v => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
  .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
const contrast = (a: number[], b: number[]) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
};

describe('AlertFeed', () => {
  const falling = { id: 4, kind: 'sentiment-falling', title: 'Mood falling on case #9',
    detail: '"Printer jams" in queue technical: mood -0.45 and falling', caseIds: [9], at: '2026-12-01T10:00:00Z', queues: ['technical'] };

  it('says where the case of an alert is now when it moved to another queue since the alert was raised', () => {
    const feed = mount(AlertFeed, { props: { alerts: [falling], onFloor: [9], queueOf: { 9: 'GENERAL' } } });
    expect(feed.find('li.alert .moved').text()).toBe('Raised in technical: case #9 is now in general.');
  });

  it('adds nothing while the case stays in the queue the alert names', () => {
    const feed = mount(AlertFeed, { props: { alerts: [falling], onFloor: [9], queueOf: { 9: 'technical' } } });
    expect(feed.find('li.alert .moved').exists()).toBe(false);
  });

  it('marks an alert whose cases all left the floor as settled, its case still linked', () => {
    const feed = mount(AlertFeed, { props: { alerts: [alert], onFloor: [2] } });
    const item = feed.find('li.alert');
    expect(item.classes()).toContain('settled');
    expect(item.find('.settled-mark').text()).toBe('no longer on the floor');
    expect(item.find('a').attributes('href')).toBe('/desk.html#case-1');
  });

  it('keeps a settled alert\'s text, time and links at 4.5:1 or more (axe: color-contrast), not faded', () => {
    const settled = rule('.alert.settled');
    const opacity = Number(settled.opacity ?? 1);
    // The alert's ground, on the panel's paper.
    const ground = over(rgb(settled.background ?? rule('.alert').background), rgb('var(--paper)'), opacity);
    const painted = {
      title: settled.color ?? 'var(--ink)',
      time: 'var(--ink-soft)', // .muted
      link: rule('.alert.settled a').color ?? 'var(--brand)',
    };
    for (const [part, colour] of Object.entries(painted)) {
      const ratio = contrast(over(rgb(colour), rgb('var(--paper)'), opacity), ground);
      expect(ratio, part + ' of a settled alert').toBeGreaterThanOrEqual(4.5);
    }
  });
});
