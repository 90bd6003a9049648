import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchInputError } from './baseline.ts';
import { besideReference, checkBesideCheckout, runAlternately, runBesideEntry } from './beside.ts';
import { compareReports, hasRegression } from './compare.ts';
import type { FullReport, RunSample } from './results.ts';
import { makeFakeCheckout } from './testing/fake-checkout.ts';

const root = mkdtempSync(join(tmpdir(), 'iomtsim-beside-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sample = (cpuMs: number): RunSample => ({ wallMs: cpuMs, cpuMs, calibrationMs: 1, calibrationCpuMs: 1, events: 1, simulatedSeconds: 1 });

function baselineAt(commit: string, dirty = false): FullReport {
  return {
    schema: 'iomtsim.bench/1', suite: 'quick', startedAt: '', finishedAt: '', runsPerEntry: 5,
    environment: { cpuModel: '', cpuCores: 2, totalMemoryBytes: 0, nodeVersion: '', v8Version: '', platform: '', arch: '', commit, dirty },
    entries: [],
  };
}

describe('the baseline commit run beside this build', () => {
  let checkout: string;
  let commit: string;
  beforeAll(() => {
    checkout = join(root, 'checkout');
    commit = makeFakeCheckout(checkout);
  });

  it('accepts a clean checkout of the baseline\'s commit', () => {
    expect(checkBesideCheckout(checkout, baselineAt(commit), 'base.json')).toEqual({ dir: checkout, commit });
  });

  it('refuses a checkout of another commit, naming both', () => {
    const other = 'f'.repeat(40);
    expect(() => checkBesideCheckout(checkout, baselineAt(other), 'base.json')).toThrow(new BenchInputError(`--beside: expected a checkout of the baseline's commit ${other}, found ${checkout} at ${commit}`));
  });

  it('refuses a folder without the command line, a baseline timed on uncommitted code, and one without a full commit hash', () => {
    expect(() => checkBesideCheckout(join(root, 'nowhere'), baselineAt(commit), 'base.json')).toThrow(/--beside: expected a checkout of the baseline's commit .*, found no bin\/iomtsim\.mjs in /);
    expect(() => checkBesideCheckout(checkout, baselineAt(commit, true), 'base.json')).toThrow("base.json: field 'environment.dirty': expected false with --beside");
    expect(() => checkBesideCheckout(checkout, baselineAt('7911304'), 'base.json')).toThrow("base.json: field 'environment.commit': expected a full commit hash with --beside, found '7911304'");
  });

  it('refuses a checkout with local changes', () => {
    writeFileSync(join(checkout, 'bin', 'iomtsim.mjs'), '// edited\n');
    try {
      expect(() => checkBesideCheckout(checkout, baselineAt(commit), 'base.json')).toThrow(/found local changes to 1 files \(bin\/iomtsim\.mjs\)$/);
    } finally {
      execFileSync('git', ['-C', checkout, 'checkout', '--quiet', '--', '.']);
    }
  });

  it('runs the entry through the checkout\'s own command line and returns its measured runs', async () => {
    const runs = await runBesideEntry(checkout, 'quick', 'pow.nodes600_blocks100', 3, 1);
    expect(runs.map((r) => r.cpuMs)).toEqual([1, 2, 3]);
  });

  it('says which commit failed and why when the checkout cannot run the entry', async () => {
    process.env.FAKE_BESIDE_FAIL = '1';
    try {
      await expect(runBesideEntry(checkout, 'quick', 'pow.nodes600_blocks100', 3, 1)).rejects.toThrow(/did not run 'pow\.nodes600_blocks100' \(exit 3\): the old build broke/);
    } finally {
      delete process.env.FAKE_BESIDE_FAIL;
    }
  });

  it('takes the runs in the order beside, here, here, beside, and pools each side', async () => {
    const order: string[] = [];
    const here = async (n: number) => (order.push(`here ${n}`), [sample(10), sample(11)].slice(0, n));
    const beside = async (n: number) => (order.push(`beside ${n}`), [sample(20), sample(21)].slice(0, n));
    const runs = await runAlternately({ dir: checkout, commit }, 2, here, beside);
    expect(order).toEqual(['beside 2', 'here 2', 'here 2', 'beside 2']);
    expect(runs.fresh.map((r) => r.cpuMs)).toEqual([10, 11, 10, 11]);
    expect(runs.beside).toEqual({ commit, samples: [sample(20), sample(21), sample(20), sample(21)] });
  });

  it('compares this build with the runs taken beside it, not the recorded ones', () => {
    const recorded: FullReport = { ...baselineAt(commit), entries: [
      { name: 'pow', description: '', samples: [10, 10.1, 9.9, 10.05, 9.95].map(sample), peakRssBytes: 0, metrics: {} },
      { name: 'raft', description: '', samples: [5, 5, 5, 5, 5].map(sample), peakRssBytes: 0, metrics: {} },
    ] };
    const now: FullReport = { ...recorded, entries: [{ ...recorded.entries[0]!, samples: [14, 14.1, 13.9, 14.05, 13.95].map(sample) }] };
    expect(hasRegression(compareReports(recorded, now, 0.2))).toBe(true);
    const reference = besideReference(recorded, new Map([['pow', [13.9, 14.1, 14.0, 13.85, 14.15].map(sample)]]));
    expect(reference.entries.map((e) => e.samples[0]!.cpuMs)).toEqual([13.9, 5]);
    expect(hasRegression(compareReports(reference, now, 0.2))).toBe(false);
    const slower: FullReport = { ...now, entries: [{ ...now.entries[0]!, samples: [18.2, 18.3, 18.1, 18.25, 18.15].map(sample) }] };
    expect(hasRegression(compareReports(reference, slower, 0.2))).toBe(true);
  });
});
