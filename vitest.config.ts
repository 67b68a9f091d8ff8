import { defineConfig } from 'vitest/config';

/**
 * Two projects: `fast` is `npm test` (everything but the heavy end-to-end cases), `slow` holds the hostile-input
 * cases (files of tens of MB, peak-RSS measurements of the built binary, a mocked module) and the CI examples'
 * real offline install of the packed tarball, run by
 * `npm run test:slow` and by .ci/run.
 */
export default defineConfig({
  test: {
    reporters: ['default', './tests/support/plain-summary-reporter.ts'],
    testTimeout: 30000,
    hookTimeout: 60000,
    pool: 'forks',
    globalSetup: ['./tests/support/tmp-root.ts'],
    projects: [
      // one module graph per worker, not per file: the imports (most of the run's CPU on 2 cores) are paid once.
      // Tests restore what they change (env, spies); caches shared across files are pure (catalogs, validators).
      { extends: true, test: { name: 'fast', include: ['tests/**/*.test.ts'], exclude: ['tests/hostile/**', 'tests/cli/ci-examples.test.ts'], isolate: false } },
      { extends: true, test: { name: 'slow', include: ['tests/hostile/**/*.test.ts', 'tests/cli/ci-examples.test.ts'] } },
    ],
  },
});
