import { defineConfig } from 'vitest/config';

// Real-browser journeys: the built SPA (web/dist) served by a real tierdesk server, driven by Chromium.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
