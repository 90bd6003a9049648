import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { traceCommand } from './trace.ts';

// The trace file fails while it is being made, as JSON.stringify of a busy window did (V8's string limit).
vi.mock('../../trace/chrome-trace.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../trace/chrome-trace.ts')>();
  return {
    ...actual,
    *chromeTraceJson(): Generator<string> {
      yield '{"traceEvents":[';
      throw new RangeError('Invalid string length');
    },
  };
});

describe('a trace that fails while it is written', () => {
  it('leaves no folder behind where it made one', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'iomtsim-trace-failure-')), 'trace');
    await expect(traceCommand({ scenario: 'scenarios/pbft.yaml', set: ['duration=2s', 'warmup=1s'], to: '200ms', out })).rejects.toThrow(RangeError);
    expect(existsSync(out)).toBe(false);
  });
});
