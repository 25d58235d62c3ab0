/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { resolve } from 'node:path';

// Omnicase's pages: one app, one shell, several HTML entry points (each page keeps its address). Maven runs this
// build (exec-maven-plugin) and serves the output as static resources; OMNICASE_FRONTEND_OUT says where it goes.
const pages = ['index', 'login', 'desk', 'routing-rules', 'audit'];

export default defineConfig({
  plugins: [vue()],
  build: {
    outDir: process.env.OMNICASE_FRONTEND_OUT ?? 'dist',
    emptyOutDir: true,
    // No inline scripts or styles anywhere: the Content-Security-Policy allows only files from this origin.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: Object.fromEntries(pages.map(page => [page, resolve(__dirname, page + '.html')])),
      // Vue and the other libraries in one file every page shares (and the browser caches).
      output: { manualChunks: id => (id.includes('node_modules') ? 'vendor' : undefined) },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.ts'],
  },
});
