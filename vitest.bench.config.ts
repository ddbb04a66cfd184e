import { defineConfig } from 'vitest/config';

// `npm run bench`: the engine's timings and the host-page cost in real Chromium, printed as tables. One file at a time, nothing in parallel: the machine has
// 2 cores and a parallel run would measure the scheduler.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    globals: true,
    fileParallelism: false,
    testTimeout: 300_000,
  },
});
