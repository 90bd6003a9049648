import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../src/scenario/errors.ts';
import { benchCommand } from './command.ts';
import type { FullReport } from './results.ts';
import { makeFakeCheckout } from './testing/fake-checkout.ts';

const dir = mkdtempSync(join(tmpdir(), 'iomtsim-bench-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The command's exit code and what it printed on stdout and stderr. */
async function bench(opts: Parameters<typeof benchCommand>[0]): Promise<{ code: number; text: string }> {
  const { outcome, text } = await benchOutcome(opts);
  if (typeof outcome !== 'number') throw outcome;
  return { code: outcome, text };
}

/** The command's exit code or what it threw, and what it printed on stdout and stderr. */
async function benchOutcome(opts: Parameters<typeof benchCommand>[0]): Promise<{ outcome: unknown; text: string }> {
  const printed: string[] = [];
  const capture = (chunk: unknown): boolean => (printed.push(String(chunk)), true);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    return { outcome: await benchCommand(opts), text: printed.join('') };
  } catch (error) {
    return { outcome: error, text: printed.join('') };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** The input error `--json` is refused with before any entry runs. */
async function jsonRefusal(json: string): Promise<InputError['issues'][number]> {
  const { outcome, text } = await benchOutcome({ suite: 'phold', runs: 1, json });
  expect(text).not.toContain('bench engine.phold');
  if (!(outcome instanceof InputError)) throw new Error(`expected an input error, got ${String(outcome)}`);
  return outcome.issues[0]!;
}

describe('iomtsim bench --threads', () => {
  it('runs a splittable entry split against its golden results and skips one that cannot split, saying why', async () => {
    const json = join(dir, 'split.json');
    // The splittable entry cheapest to split: Raft at n = 5 took 6.6-9.2 s of CPU on 2 threads,
    // regional.yaml at one hospital 14.3-15.0 s (bench full --only NAME --runs 1 --threads 2, load 6-7).
    const { code, text } = await bench({ suite: 'full', runs: 1, threads: 2, json, only: ['consensus.raft_n5_60s', 'pow.nodes600_blocks100'] });
    expect(code).toBe(0);
    expect(text).toContain('consensus.raft_n5_60s: golden results match');
    const report = JSON.parse(readFileSync(join(dir, 'split.full.json'), 'utf8')) as FullReport;
    expect(report.threads).toBe(2);
    expect(report.entries.map((e) => e.name)).toEqual(['consensus.raft_n5_60s']);
    expect(report.skipped).toEqual([{ name: 'pow.nodes600_blocks100', skipped: expect.stringMatching(/^scenarios\/pow\.yaml: consensus\.protocol: expected a protocol other than pow with --threads > 1/) }]);
  }, 120_000);

  it('refuses --beside without --compare before any entry runs', async () => {
    const { code, text } = await bench({ suite: 'phold', runs: 1, beside: dir });
    expect(code).toBe(2);
    expect(text).toContain(`--beside: expected --compare FILE with it (the baseline whose commit ${dir} holds), found --beside alone`);
    expect(text).not.toContain('bench engine.phold');
  });

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

describe('iomtsim bench --json', () => {
  it('refuses a bare --json before running anything', async () => {
    expect(await jsonRefusal('')).toMatchObject({ source: '--json', found: 'nothing' });
  });

  it('refuses a folder before running anything', async () => {
    expect((await jsonRefusal(dir)).found).toBe(`${dir}, a folder`);
  });

  it('refuses a file under a file before running anything', async () => {
    writeFileSync(join(dir, 'afile'), 'x');
    expect((await jsonRefusal(join(dir, 'afile', 'x.json'))).found).toBe(`${join(dir, 'afile')}, a file, where a folder would have to be`);
  });
});

describe('iomtsim bench --threshold', () => {
  it('refuses a threshold without a baseline to compare with', async () => {
    const { code, text } = await bench({ suite: 'phold', runs: 1, threshold: '20%' });
    expect(code).toBe(2);
    expect(text).toContain('--threshold: expected --compare FILE with it, found --threshold 20% alone');
    expect(text).not.toContain('bench engine.phold');
  });
});

describe('iomtsim bench --compare', () => {
  /** The committed baseline's entries `names`, each run's CPU time times `cpuScale`, on another CPU, recorded without unmeasured runs (as baselines were before them). */
  function scaledBaseline(file: string, names: readonly string[], cpuScale: number, extra: readonly string[] = []): string {
    const committed = JSON.parse(readFileSync('bench/baseline.json', 'utf8')) as FullReport;
    const entries = committed.entries.filter((e) => names.includes(e.name)).map((e) => ({ ...e, samples: e.samples.map((s) => ({ ...s, cpuMs: s.cpuMs * cpuScale })) }));
    const others = extra.map((name) => ({ ...entries[0]!, name }));
    const path = join(dir, file);
    writeFileSync(path, JSON.stringify({ ...committed, environment: { ...committed.environment, cpuModel: 'Other CPU' }, untimedRunsPerEntry: 0, entries: [...entries, ...others] }));
    return path;
  }

  it('refuses --runs too few for the rank test to reach p < 0.05 before running anything', async () => {
    const { code, text } = await bench({ suite: 'quick', runs: 1, only: ['consensus.poa_n7_5m'], compare: 'bench/baseline.json' });
    expect(code).toBe(2);
    expect(text).toContain("--runs: expected at least 2 to compare with bench/baseline.json (1 run against 5 baseline samples of 'consensus.poa_n7_5m' give a p-value of at least 0.1667, never below 0.05), found 1");
    expect(text).not.toContain('bench consensus.poa_n7_5m');
  });

  /** A baseline of Raft alone, as if far slower, from another CPU and without unmeasured runs, beside an entry it lacks and one not run. */
  const newEntries = () => ({ compare: scaledBaseline('new-entries.json', ['consensus.raft_n5_60s'], 100, ['engine.gone']), only: ['consensus.raft_n5_60s', 'consensus.poa_n7_5m'] });
  let allowedRun: Promise<{ code: number; text: string; json: string }> | undefined;
  /**
   * Raft and PoA against that baseline with --allow-new-entries, run once for the two tests that
   * read it (a child process each, seconds apiece).
   */
  const allowed = () => (allowedRun ??= (async () => {
    const json = join(dir, 'allowed.json');
    return { ...(await bench({ suite: 'quick', runs: 2, ...newEntries(), allowNewEntries: true, json })), json };
  })());

  it('fails an entry the baseline lacks unless --allow-new-entries, lists baseline entries not run, and warns of another machine', async () => {
    const { compare, only } = newEntries();
    const strict = await bench({ suite: 'quick', runs: 2, only, compare });
    expect(strict.code).toBe(1);
    expect(strict.text).toContain(`FAIL: not in ${compare}, so their speed was not checked: consensus.poa_n7_5m (record a new baseline, or pass --allow-new-entries)`);
    expect(strict.text).toMatch(/consensus\.poa_n7_5m .*NEW: not in the baseline, not compared/);
    expect(strict.text).toMatch(/engine\.gone .*not run \(in the baseline only\)/);
    expect(strict.text).toContain(`warning: ${compare} was recorded on another machine or runtime, or with other unmeasured runs (CPU model 'Other CPU' in the baseline`);
    expect((await allowed()).code).toBe(0);
  }, 120_000);

  it('writes the comparison, the confirmation and its fresh runs into the full report', async () => {
    const compare = scaledBaseline('slower.json', ['consensus.poa_n7_5m'], 0.01);
    const json = join(dir, 'confirmed.json');
    const { code } = await bench({ suite: 'quick', runs: 2, only: ['consensus.poa_n7_5m'], compare, json });
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'confirmed.full.json'), 'utf8')) as FullReport;
    expect(report.comparison).toMatchObject({ baseline: compare, threshold: 0.1, environmentDifferences: [expect.stringMatching(/^CPU model 'Other CPU'/), '0 unmeasured runs per entry in the baseline, 3 here'] });
    const row = report.comparison!.rows[0]!;
    expect(row).toMatchObject({ name: 'consensus.poa_n7_5m', result: { verdict: 'slower' }, confirmation: { verdict: 'slower' } });
    expect(row.confirmation!.pSlower).toBeLessThan(0.05);
    expect(row.confirmationSamples).toHaveLength(2);
    expect(readFileSync(join(dir, 'confirmed.report.md'), 'utf8')).toContain(`warning: ${compare} was recorded on another machine or runtime`);
  }, 120_000);

  /** A fake checkout of a commit (testing/fake-checkout.ts) and a baseline recorded from it, its PoA runs scaled by `scale`. */
  function besideSetup(name: string, scale: number): { checkout: string; commit: string; compare: string } {
    const checkout = join(dir, `${name}-checkout`);
    const commit = makeFakeCheckout(checkout);
    const recorded = JSON.parse(readFileSync(scaledBaseline(`${name}.json`, ['consensus.poa_n7_5m'], scale), 'utf8')) as FullReport;
    const compare = join(dir, `${name}-at-commit.json`);
    writeFileSync(compare, JSON.stringify({ ...recorded, environment: { ...recorded.environment, commit, dirty: false } }));
    return { checkout, commit, compare };
  }

  it('with --beside, still judges this build\'s runs of an entry when the baseline\'s commit fails to run it', async () => {
    const { checkout, compare } = besideSetup('failing', 1);
    const json = join(dir, 'failing-out.json');
    process.env.FAKE_BESIDE_FAIL = '1';
    try {
      const { code, text } = await bench({ suite: 'quick', runs: 2, only: ['consensus.poa_n7_5m'], compare, json, beside: checkout });
      expect(code).toBe(1);
      expect(text).toContain('the old build broke');
      expect(text).toContain('consensus.poa_n7_5m: golden results match');
      const report = JSON.parse(readFileSync(join(dir, 'failing-out.full.json'), 'utf8')) as FullReport;
      expect(report.entries.map((e) => e.name)).toEqual(['consensus.poa_n7_5m']);
    } finally {
      delete process.env.FAKE_BESIDE_FAIL;
    }
  }, 120_000);

  it('with --beside, compares each entry with the runs of the baseline\'s commit taken beside it, not the recorded ones', async () => {
    // Recorded runs far faster than this build and the commit's runs beside it far slower: only the
    // second is what the comparison may read.
    const { checkout, commit, compare } = besideSetup('beside', 1e-6);
    const json = join(dir, 'beside-out.json');
    process.env.FAKE_BESIDE_CPU_MS = '1000000';
    try {
      const { code, text } = await bench({ suite: 'quick', runs: 2, only: ['consensus.poa_n7_5m'], compare, json, beside: checkout });
      expect(code).toBe(0);
      expect(text).toContain(`against ${compare}'s commit ${commit.slice(0, 7)}, run beside this build (${checkout}):`);
      // This build's runs on both sides of the commit's.
      expect(text).toMatch(new RegExp(`run 1/2: [^\\n]*\\n  the baseline's commit ${commit.slice(0, 7)} beside it, 2 runs\\n  run 2/2: `));
      const report = JSON.parse(readFileSync(join(dir, 'beside-out.full.json'), 'utf8')) as FullReport;
      expect(report.comparison!.beside).toBe(commit);
      expect(report.comparison!.environmentDifferences).toEqual([]);
      expect(report.comparison!.rows[0]!.result!.baselineMedian).toBe(1e6);
      // Both processes' runs of this build are its samples.
      expect(report.entries[0]!.samples).toHaveLength(2);
    } finally {
      delete process.env.FAKE_BESIDE_CPU_MS;
    }
  }, 120_000);

  it('runs each entry unmeasured before its measured runs, records how many, and warns of a baseline recorded without them', async () => {
    const { code, text, json } = await allowed();
    expect(code).toBe(0);
    expect(text).toContain('0 unmeasured runs per entry in the baseline, 3 here');
    expect((JSON.parse(readFileSync(json.replace(/\.json$/, '.full.json'), 'utf8')) as FullReport).untimedRunsPerEntry).toBe(3);
  }, 120_000);
});
