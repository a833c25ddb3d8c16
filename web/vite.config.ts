import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

// The tierdesk server serves web/dist/index.html for every non-/api path and web/dist/assets/* as files.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
  },
  server: {
    // `vite --config web/vite.config.ts` during development, with the tierdesk server on :3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
