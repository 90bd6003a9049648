/** Test files that replace a module with vi.mock: they need a module graph of their own. */
export const ISOLATED_TEST_FILES: readonly string[] = ['src/io/atomic-write.test.ts', 'src/cli/commands/trace-write-failure.test.ts', 'src/runner/killed-checkpoint.test.ts', 'src/runner/threads-planning.test.ts', 'src/cli/commands/run-threads-planning.test.ts', 'src/protocols/leader-block-time.test.ts'];
