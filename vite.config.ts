// Vite builds the renderer as two pages: the cashier window and the customer display.
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, 'renderer');

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
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
