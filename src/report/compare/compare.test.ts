import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeRunFixture, writeSweepFixture } from '../fixtures/results-fixture.ts';
import { tempResultsDir } from '../fixtures/temp-dir.ts';
import { compareCommand } from '../index.ts';
import { loadResults } from '../results/load.ts';
import { compareResults } from './compare.ts';

function run(overrides: Parameters<typeof writeRunFixture>[1]): string {
  const dir = tempResultsDir('cmp');
  writeRunFixture(dir, { durationS: 3, ...overrides });
  return dir;
}

async function quietly<T>(body: () => Promise<T>): Promise<T> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return await body();
  } finally {
    out.mockRestore();
  }
}

describe('compare', () => {
  it('finds no significant difference between two runs of the same configuration', () => {
    const comparison = compareResults(loadResults(run({ seed: 1 })), loadResults(run({ seed: 2 })));
    expect(comparison.differences.length).toBeGreaterThan(20);
    expect(comparison.worse).toBe(0);
    expect(comparison.differences.find((d) => d.metric === 'consensus.throughput_tps')?.verdict).toBe('same');
  });

  it('flags a slower configuration as significantly worse and exits 1', async () => {
    const a = run({ seed: 1 });
    const b = run({ seed: 2, points: [{ parameters: {}, load: 2 }] });
    const out = tempResultsDir('cmp-out');
    const code = await quietly(() => compareCommand(a, b, out));
    expect(code).toBe(1);
    const saved = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    const throughput = saved.differences.find((d: { metric: string }) => d.metric === 'consensus.throughput_tps');
    expect(throughput.verdict).toBe('worse');
    expect(throughput.pAdjusted).toBeLessThan(0.05);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('| default | `consensus.throughput_tps` |');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('A · default');
  });

  it('pairs sweep points by their parameters', () => {
    const a = tempResultsDir('cmp-sweep-a');
    const b = tempResultsDir('cmp-sweep-b');
    writeSweepFixture(a, { durationS: 2 });
    writeSweepFixture(b, { durationS: 2, points: [7, 13].map((nodes) => ({ parameters: { 'consensus.nodes': nodes }, load: nodes / 4 })) });
    const comparison = compareResults(loadResults(a), loadResults(b));
    expect(new Set(comparison.differences.map((d) => d.pointLabel))).toEqual(new Set(['consensus.nodes=7', 'consensus.nodes=13']));
    expect(comparison.unmatched).toEqual(['A: consensus.nodes=4', 'A: consensus.nodes=10']);
  });

  it('refuses two results with no point in common (exit 2)', async () => {
    const a = run({});
    const b = tempResultsDir('cmp-sweep');
    writeSweepFixture(b, { durationS: 2 });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await compareCommand(a, b, tempResultsDir('cmp-none'));
    const message = String(stderr.mock.calls[0]?.[0]);
    stderr.mockRestore();
    expect(code).toBe(2);
    expect(message).toContain('points[].parameters');
    expect(message).toContain('consensus.nodes=4');
  });
});
