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

/**
 * diagram-js draws its popup menus (replace, element templates) with `render` from its own preact and `html` from
 * `htm/preact`, which imports whatever preact lies at the top of node_modules. When the two differ (another library
 * needs another preact, as form-js does), the menus render empty. This hands diagram-js-ui an `html` bound to the `h`
 * of the preact it renders with, however npm lays the packages out.
 */
export function diagramJsOnePreact(): Plugin {
  const PREFIX = '\0omnicase-htm-preact:';
  return {
    name: 'omnicase-diagram-js-one-preact',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'htm/preact' && importer && importer.replace(/\\/g, '/').includes('/node_modules/@bpmn-io/diagram-js-ui/')) {
        return PREFIX + importer;
      }
      return null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const importer = id.slice(PREFIX.length);
      const preact = await this.resolve('preact', importer, { skipSelf: true });
      const htm = await this.resolve('htm', importer, { skipSelf: true });
      if (!preact || !htm) throw new Error('diagram-js-ui: preact or htm not found');
      return `import { h } from ${JSON.stringify(preact.id)};\nimport htm from ${JSON.stringify(htm.id)};\n`
        + 'export const html = htm.bind(h);\n';
    },
  };
}
