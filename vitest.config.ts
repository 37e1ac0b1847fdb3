import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end runs of the pipeline take seconds each on a 2-core machine.
    testTimeout: 60_000,
    // So do the browser suite's set-up hooks (a pipeline run, two nights, and on a first run
    // unpacking the packaged Chromium): the default 10 s is too short when runs share the cores.
    hookTimeout: 60_000,
  },
});
