import type { Plugin } from 'vite';

/**
 * Library code that would break the pages' Content-Security-Policy (style-src 'self': no inline style attributes),
 * rewritten at build time instead of opening the policy: each patch drops a `style="..."` from an HTML string a
 * library parses, and the same rule is in a style sheet of ours (src/designer/designer.css). A patch that no longer
 * matches fails the build, so a library update can't quietly bring the violation back.
 */
const patches: { file: string; from: string; to: string }[] = [
  // bpmn-js-properties-panel's containers; designer.css: .bio-properties-panel-container / -header-container.
  { file: 'bpmn-js-properties-panel/dist/index.esm.js',
    from: `domify('<div style="height: 100%" tabindex="-1" class="bio-properties-panel-container"></div>')`,
    to: `domify('<div tabindex="-1" class="bio-properties-panel-container"></div>')` },
  { file: 'bpmn-js-properties-panel/dist/index.esm.js',
    from: `domify('<div style="flex: none; height: auto" class="bio-properties-panel bio-theme-parent bio-properties-panel-header-container"></div>')`,
    to: `domify('<div class="bio-properties-panel bio-theme-parent bio-properties-panel-header-container"></div>')` },
];

export function strictCspPatches(): Plugin {
  return {
    name: 'omnicase-strict-csp-patches',
    enforce: 'pre',
    transform(code, id) {
      const mine = patches.filter(p => id.replace(/\\/g, '/').includes('/node_modules/' + p.file));
      if (!mine.length) return null;
      let out = code;
      for (const patch of mine) {
        if (!out.includes(patch.from)) {
          throw new Error(`CSP patch for ${patch.file} no longer matches: look for inline styles again`);
        }
        out = out.replace(patch.from, patch.to);
      }
      return { code: out, map: null };
    },
  };
}
