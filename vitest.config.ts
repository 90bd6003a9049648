import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { ISOLATED_TEST_FILES } from './test/isolated-files.ts';

const include = ['sim/**/*.test.ts', 'src/**/*.test.ts', 'bench/**/*.test.ts', 'test/**/*.test.ts'];

// Most test files share their worker's module cache (`isolate: false`): re-importing the model for
// each of ~230 files cost more than the tests themselves (366 s against 219 s here, 2 cores). Files
// that replace a module (vi.mock) need a fresh module graph and run isolated; a test keeps the list
// complete (test/isolated-files.test.ts).
// Vitest's default leaves one core to its main process, which mostly waits: on two cores the test
// files then ran one at a time (310 s here against 228 s with two at once).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { extends: true, test: { name: 'shared', include, exclude: [...ISOLATED_TEST_FILES], isolate: false } },
      { extends: true, test: { name: 'isolated', include: [...ISOLATED_TEST_FILES], isolate: true } },
    ],
  },
});
