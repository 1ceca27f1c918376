import { fileURLToPath } from 'node:url'
import { defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

// Workspace packages export their TypeScript source under this condition.
const resolve = { conditions: ['@kickoff/source', ...defaultServerConditions] }
// The app's `$lib` alias (SvelteKit sets it for the app; unit tests of its modules need it too).
const $lib = fileURLToPath(new URL('./apps/web/src/lib', import.meta.url))

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { ...resolve, alias: { $lib } },
        ssr: { resolve },
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'server/src/**/*.test.ts',
            'apps/web/src/**/*.test.ts',
            'test/golden/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        resolve,
        ssr: { resolve },
        test: {
          name: 'multi',
          include: ['test/multi/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        ssr: { resolve },
        test: {
          name: 'chaos',
          include: ['test/chaos/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // Seeds run concurrently inside a file (it.concurrent), and the files side by side: the
          // work is mostly waiting for sockets and servers, not CPU.
          maxConcurrency: 12,
          maxWorkers: 5,
        },
      },
      {
        resolve,
        ssr: { resolve },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // One browser at a time: CI has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
})
