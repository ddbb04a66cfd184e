import { defineConfig } from 'vitest/config';

// Real Chromium with the built extension (`npm run build` first). One file at a time: the machine has 2 cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    globals: true,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
