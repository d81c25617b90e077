import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'scripts/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The newest published Claude Code for the real-client suite (tests/claude-code/), beside the pinned one.
    globalSetup: ['tests/claude-code/newest-client.ts'],
    reporters: ['default'],
  },
});
