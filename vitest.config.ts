import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end runs of the pipeline take seconds each on a 2-core machine.
    testTimeout: 60_000,
  },
});
