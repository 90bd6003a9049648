import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { simulate } from '../runner/simulate.ts';
import { loadScenarioAsync } from '../scenario/index.ts';
import { runFuzz, type FuzzOutcome } from './run.ts';
import { formatSummary, summarise } from './results.ts';
import { inTreeTarget, mutantTarget } from './target.ts';
import { exitCodeOf, FUZZ_EXIT } from './verdict.ts';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'iomtsim-fuzz-'));

/** Seed, verdict and trace hash of every seed: what must not depend on the worker count. */
const fingerprint = (o: FuzzOutcome) => o.results.map((r) => [r.case.seed, r.verdict.kind, r.traceHash]);

describe('iomtsim fuzz', () => {
  it('catches PBFT with f + 1 certificates, and its scenario file fails again when run', async () => {
    const target = await mutantTarget('pbft-small-quorum');
    const outcome = await runFuzz({ target, seeds: [7, 8, 9, 10], nodes: { lo: 4, hi: 13 }, beyond: false, workers: 0, stopAtFirstFailure: true });
    // Seed 9 (n = 5): partitions {0, 2} | {1, 3} (replica 4 bridging them) let f + 1 = 2 replicas on each side certify different batches.
    expect(outcome.results.map((r) => r.verdict.kind)).toEqual(['pass', 'pass', 'safety']);
    const dir = tempDir();
    const summary = summarise(target, outcome, false, dir);
    expect(summary.exitCode).toBe(FUZZ_EXIT.safety);
    expect(summary.firstFailureAfter).toBe(3);
    const failure = summary.failures[0]!;
    expect(failure.replay).toBe(`iomtsim run ${failure.file}`);
    const replayed = await loadScenarioAsync(failure.file);
    const output = simulate(replayed.scenario, replayed.scenario.seed);
    expect(output.checks.find((c) => c.name === 'safety')!.passed).toBe(false);
    expect(output.traceHash).toBe(outcome.results[2]!.traceHash);
  }, 30_000);

  it('gives the same verdicts, traces and first failing seed on 1 and 2 worker threads', async () => {
    const target = await mutantTarget('pbft-small-quorum');
    const request = { target, seeds: [7, 8, 9, 10], nodes: { lo: 4, hi: 13 }, beyond: false, stopAtFirstFailure: true };
    const one = await runFuzz({ ...request, workers: 1 });
    const two = await runFuzz({ ...request, workers: 2 });
    expect(fingerprint(two)).toEqual(fingerprint(one));
    expect(fingerprint(one).map(([seed, kind]) => [seed, kind])).toEqual([[7, 'pass'], [8, 'pass'], [9, 'safety']]);
  }, 60_000);

  it('says an interrupted run with no failure was interrupted, not failed', () => {
    const outcome: FuzzOutcome = { results: [], interrupted: true };
    const summary = summarise(inTreeTarget('pbft'), outcome, false, undefined);
    expect(summary.exitCode).toBe(130);
    expect(formatSummary(summary)).toBe('pbft: 0 seeds, none failed before the interruption (0 ms per seed)\n');
  });

  it('orders exit codes safety, crash, divergence, liveness', () => {
    expect(exitCodeOf([])).toBe(0);
    expect(exitCodeOf(['liveness'])).toBe(4);
    expect(exitCodeOf(['liveness', 'divergence'])).toBe(6);
    expect(exitCodeOf(['liveness', 'divergence', 'crash'])).toBe(5);
    expect(exitCodeOf(['liveness', 'crash', 'safety'])).toBe(3);
  });

  it('answers bad flags with exit 2 and a message naming the flag, what it expected and what it found', async () => {
    const messages: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => messages.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      expect(await main(['fuzz', '--protocol', 'paxos'])).toBe(2);
      expect(await main(['fuzz', '--protocol', 'pbft', '--nodes', '9..4'])).toBe(2);
      expect(await main(['fuzz', '--protocol', 'pbft', '--mutant', 'pbft-small-quorum'])).toBe(2);
      expect(await main(['fuzz', '--mutant', 'raft-without-logs'])).toBe(2);
      expect(await main(['fuzz', '--protocol', 'pbft', '--threads', '0'])).toBe(2);
      // Refused at the flag, not at the first seed that draws an attacker miner at n = 1.
      expect(await main(['fuzz', '--protocol', 'pow', '--nodes', '1..1', '--seeds', '300'])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(messages.join('')).toMatch(/--protocol paxos: \(flag\): expected one of pbft, hotstuff, raft, poa, pow, found 'paxos'/);
    expect(messages.join('')).toMatch(/--nodes 9\.\.4: \(flag\): expected a range of replica counts LO\.\.HI/);
    expect(messages.join('')).toMatch(/expected exactly one of --protocol NAME, --protocol-module PATH, --mutant NAME, found --protocol and --mutant/);
    expect(messages.join('')).toMatch(/--mutant raft-without-logs: \(flag\): expected one of pbft-small-quorum/);
    expect(messages.join('')).toMatch(/--threads 0: \(flag\): expected an integer from 1 to 256, found '0'/);
    expect(messages.join('')).toMatch(/--nodes 1\.\.1: \(flag\): expected a range reaching 2 replicas, .*attacker.*, found '1\.\.1'/);
    expect(messages.join('')).not.toMatch(/derived by iomtsim fuzz/);
  });

  it('exits 3 on a mutant and writes fuzz.json with every seed', async () => {
    const dir = tempDir();
    const out = process.stdout.write.bind(process.stdout);
    process.stdout.write = (() => true) as typeof process.stdout.write;
    const err = process.stderr.write.bind(process.stderr);
    process.stderr.write = (() => true) as typeof process.stderr.write;
    let code: number;
    try {
      code = await main(['fuzz', '--mutant', 'pbft-small-quorum', '--first-seed', '7', '--seeds', '3', '--workers', '1', '--out', dir]);
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
    expect(code).toBe(3);
    const written = JSON.parse(readFileSync(join(dir, 'fuzz.json'), 'utf8')) as { seeds: { verdict: string }[] };
    expect(written.seeds.map((s) => s.verdict)).toEqual(['pass', 'pass', 'safety']);
  }, 30_000);
});
