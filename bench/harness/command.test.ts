import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { benchCommand } from './command.ts';
import type { FullReport } from './results.ts';

const dir = mkdtempSync(join(tmpdir(), 'iomtsim-bench-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The command's exit code and what it printed on stdout and stderr. */
async function bench(opts: Parameters<typeof benchCommand>[0]): Promise<{ code: number; text: string }> {
  const printed: string[] = [];
  const capture = (chunk: unknown): boolean => (printed.push(String(chunk)), true);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    return { code: await benchCommand(opts), text: printed.join('') };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('iomtsim bench --threads', () => {
  it('runs a splittable entry split against its golden results and skips one that cannot split, saying why', async () => {
    const json = join(dir, 'split.json');
    const { code, text } = await bench({ suite: 'full', runs: 1, threads: 2, json, only: ['iomt.regional_hospitals1_5m', 'consensus.poa_n7_5m'] });
    expect(code).toBe(0);
    expect(text).toContain('iomt.regional_hospitals1_5m: golden results match');
    const report = JSON.parse(readFileSync(join(dir, 'split.full.json'), 'utf8')) as FullReport;
    expect(report.threads).toBe(2);
    expect(report.entries.map((e) => e.name)).toEqual(['iomt.regional_hospitals1_5m']);
    expect(report.skipped).toEqual([{ name: 'consensus.poa_n7_5m', skipped: expect.stringMatching(/^scenarios\/poa\.yaml: network\.latency: expected a positive least latency/) }]);
  }, 120_000);

  it('refuses to record golden results from a split run', async () => {
    const { code, text } = await bench({ suite: 'full', runs: 1, threads: 2, updateGolden: true, only: ['iomt.regional_hospitals1_5m'] });
    expect(code).toBe(2);
    expect(text).toMatch(/--threads: expected 1 with --update-golden .*, found 2/);
  });

  it('refuses a selection where no entry splits', async () => {
    const { code, text } = await bench({ suite: 'phold', runs: 1, threads: 2 });
    expect(code).toBe(2);
    expect(text).toMatch(/--threads: expected a suite or --only with at least one entry that splits over 2 threads, found none \(engine\.phold\)/);
  }, 60_000);

  it('refuses a baseline recorded on another number of threads', async () => {
    const { code, text } = await bench({ suite: 'quick', runs: 1, threads: 2, compare: 'bench/baseline.json' });
    expect(code).toBe(2);
    expect(text).toMatch(/bench\/baseline\.json: field 'threads': expected 2 .*, found 1/);
  });
});
