import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { refusalOf } from '../../scenario/testing/input-issue.ts';
import { traceCommand } from './trace.ts';

const root = mkdtempSync(join(tmpdir(), 'iomtsim-trace-'));

describe('trace window bounds', () => {
  it.each([
    ['from', { from: '-1s' }],
    ['to', { from: '0s', to: '-500ms' }],
  ])('refuses a negative --%s, which a duration may be written as, before tracing anything', async (flag, window) => {
    const out = join(root, `negative-${flag}`);
    const issue = await refusalOf(() => traceCommand({ scenario: 'scenarios/pbft.yaml', set: ['duration=2s', 'warmup=1s'], decisions: '3', ...window, out }));
    const text = flag === 'from' ? window.from : (window as { to: string }).to;
    expect(issue).toEqual({ source: `--${flag} ${text}`, path: '(flag)', expected: 'a duration ≥ 0 (simulated time from the start of the run), such as 2s or 500ms', found: `'${text}'` });
    expect(existsSync(out)).toBe(false);
  });
});

describe('trace notices', () => {
  it('says on stderr what the scenario does that its timeline would hide, as run does', async () => {
    const said: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (said.push(String(chunk)), true));
    try {
      // hospital.yaml's batch size, set for PBFT, on Clique's 15 s period: the blocks cannot carry its load.
      await traceCommand({ scenario: 'scenarios/hospital.yaml', set: ['consensus.protocol=poa', 'duration=2s', 'warmup=1s'], to: '1s', decisions: '1', out: join(root, 'notice') });
    } finally {
      write.mockRestore();
    }
    expect(said.join('')).toMatch(/^iomtsim: .*consensus\.batchSize/m);
  }, 60_000);
});
