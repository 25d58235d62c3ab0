import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// The chat widget: one small script (and its style sheet) that a customer's web site embeds with one tag. No
// framework, so it stays small; built after the pages into the same output, under /chat/.
export default defineConfig({
  publicDir: false,
  build: {
    outDir: (process.env.OMNICASE_FRONTEND_OUT ?? 'dist') + '/chat',
    emptyOutDir: false,
    assetsInlineLimit: 0,
    lib: {
      entry: resolve(__dirname, 'src/widget/main.ts'),
      name: 'OmnicaseChat',
      formats: ['iife'],
      fileName: () => 'widget.js',
      cssFileName: 'widget',
    },
  },
});
