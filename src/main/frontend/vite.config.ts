/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { resolve } from 'node:path';
import { diagramJsOnePreact, strictCspPatches } from './build-patches';

// Omnicase's pages: one app, one shell, several HTML entry points (each page keeps its address). Maven runs this
// build (exec-maven-plugin) and serves the output as static resources; OMNICASE_FRONTEND_OUT says where it goes.
const pages = ['index', 'login', 'desk', 'routing-rules', 'coaching', 'designer', 'supervisor', 'audit', 'users', 'examples'];

export default defineConfig({
  plugins: [vue(), strictCspPatches(), diagramJsOnePreact()],
  build: {
    outDir: process.env.OMNICASE_FRONTEND_OUT ?? 'dist',
    emptyOutDir: true,
    // No inline scripts or styles anywhere: the Content-Security-Policy allows only files from this origin.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: Object.fromEntries(pages.map(page => [page, resolve(__dirname, page + '.html')])),
      // Vue in one file every page shares (and the browser caches); a library only one page uses (bpmn-js for the
      // designer, form-js for forms, Chart.js for the floor) stays in that page's own chunks.
      output: {
        manualChunks: id => (/node_modules\/(chart\.js|@kurkle)\//.test(id) ? 'charts'
          : /node_modules\/(vue|@vue)\//.test(id) ? 'vendor' : undefined),
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.ts'],
  },
});
