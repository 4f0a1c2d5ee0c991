import { fileURLToPath } from 'node:url';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// The one vitest configuration of the repository (kept here so the top level holds only what
// the layout names). Paths below are relative to the repository root.
const root = fileURLToPath(new URL('..', import.meta.url));

// Workspace packages export `@keyguard/source` → src/*.ts, so tests run the TypeScript
// sources directly and need no build; Node itself resolves the same imports to dist/.
const conditions = ['@keyguard/source', ...defaultServerConditions];
const workspaces = ['packages/*', 'services/*'];

export default defineConfig({
  root,
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    // Keep V8's linear-time regexp engine as a safety net under the detectors (issue 3).
    execArgv: ['--enable-experimental-regexp-engine-on-excessive-backtracks'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // + the tests of infra/ (npm start's own logic).
          include: [...workspaces.map((w) => `${w}/test/**/*.test.ts`), 'test/infra/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.int.test.ts', '**/*.e2e.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // + the cross-service end-to-end and browser tests in test/e2e.
          include: [...workspaces.map((w) => `${w}/test/**/*.{int,e2e}.test.ts`), 'test/e2e/**/*.e2e.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['./test/support/require-engines.ts'],
          // Every answer of an /api/v1 route must match the OpenAPI document (packages/contract).
          setupFiles: ['./test/support/contract-watch.ts'],
        },
      },
    ],
  },
});
