import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.ts';

describe('a results folder that cannot be made', () => {
  const root = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-out-'));
  const file = join(root, 'a-file');
  writeFileSync(file, 'not a folder');
  const out = join(file, 'results');

  it.each([
    ['run', ['run', 'scenarios/pbft.yaml', '--set', 'duration=2s', '--set', 'warmup=0s']],
    ['validate', ['validate', '--quick']],
    ['fuzz', ['fuzz', '--protocol', 'raft', '--seeds', '2']],
    ['size', ['size', 'scenarios/consortium.yaml', '--vary', 'workload.rateTps=100..200', '--slo', 'consensus.commit_latency_ms.p99<=250']],
  ])('%s: refused with exit code 2 before any work, naming the flag and the file in the way', async (_name, args) => {
    const r = await cli([...args, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`--out ${out}: (flag): expected a folder iomtsim can create and write to, found ${file}, a file, where a folder would have to be`);
    expect(r.stdout).toBe('');
  });
});
