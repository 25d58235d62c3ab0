import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const css = readFileSync(resolve(__dirname, 'designer.css'), 'utf8');

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b2] = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map(c => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function rule(selector: string): { bg: string; fg: string } {
  const body = new RegExp(selector.replace(/[.]/g, '\\.') + '\\s*\\{([^}]*)\\}').exec(css)?.[1] ?? '';
  const pick = (prop: string) => new RegExp('(?:^|;|\\s)' + prop + ':\\s*(#[0-9a-f]{6})', 'i').exec(body)?.[1] ?? '';
  return { bg: pick('background-color'), fg: pick('color') };
}

describe('the lint summary button', () => {
  it('is readable: at least 4.5 : 1 (axe, walk 46: "No Issues" was white on #52b415, 2.65 : 1)', () => {
    for (const kind of ['success', 'warning']) {
      const { bg, fg } = rule('.djs-container .bjsl-button-' + kind);
      expect(bg, kind).toMatch(/^#/);
      expect(contrast(bg, fg), kind).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast('#52b415', '#ffffff')).toBeLessThan(4.5);
  });
});
