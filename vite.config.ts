// Vite builds the renderer as two pages: the cashier window and the customer display.
import react from '@vitejs/plugin-react';
import { basename, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { appPageCsp } from './electron/app/page-csp';
import { cspPageOf, withCspMeta } from './shared';

const root = resolve(import.meta.dirname, 'renderer');

/** Puts each page's policy from shared/csp.ts into its meta tag: one definition for meta and header. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'kakaopay-csp',
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => withCspMeta(html, appPageCsp(cspPageOf(basename(ctx.filename)))),
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        cashier: resolve(root, 'cashier.html'),
        display: resolve(root, 'display.html'),
      },
    },
  },
});
