/**
 * Scenarios for tests of the consensus-only and IoMT worlds, built from plain input so that
 * every default and unit conversion is the real schema's.
 */
import type { ModelEvent } from '../../../sim/index.ts';
import { zScenario, type Scenario, type ScenarioInput } from '../../scenario/schema.ts';
import { runConsensusWorld } from './run.ts';

/** No processing time anywhere: the closed forms of docs/references.md §2 assume it. */
export const ZERO_COSTS = { signUs: 0, verifyUs: 0, hashUs: 0, hashPerKiBUs: 0, macUs: 0 } as const;

type Input = Omit<ScenarioInput, 'name'> & { name?: string };

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const prior = out[k];
    const plain = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x);
    out[k] = plain(prior) && plain(v) ? merge(prior as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

/** A validated scenario: `input` deep-merged over a small PBFT default. */
export function consensusScenario(input: Partial<Input> = {}): Scenario {
  const base = { name: 'test', duration: '10s', consensus: { protocol: 'pbft', nodes: 4 } };
  return zScenario.parse(merge(base, input as Record<string, unknown>));
}

/**
 * The ideal network of docs/references.md §2: fixed one-way delay, no processing cost, links so fast
 * that serialization rounds to 0 µs, one transaction per decision, one client.
 */
export function idealPbftScenario(nodes: number, delay: string, txs: number, gap = '1s'): Scenario {
  const gapUs = zScenario.parse({ name: 'x', duration: gap }).duration;
  return consensusScenario({
    duration: `${(txs + 2) * gapUs}us`,
    network: { latency: { kind: 'fixed', value: delay }, upload: '1e15bps', download: '1e15bps' },
    consensus: {
      nodes, batchSize: 1, cryptoCosts: ZERO_COSTS,
      pbft: { checkpointInterval: 1000, logWindow: 2000 },
    },
    workload: { clients: 1, arrival: 'periodic', rateTps: 1e6 / gapUs, stopAfter: `${txs * gapUs + gapUs / 2}us` },
  });
}

/** What one seed of a seed sweep did: the checks that failed, requests submitted and confirmed. */
export interface SeedOutcome {
  readonly seed: number;
  readonly failedChecks: readonly string[];
  readonly submitted: number;
  readonly confirmed: number;
}

/**
 * Runs seeds 1..`seeds` through the consensus-only world, seed k on `scenarios[k % length]`, for the
 * protocols' many-seed tests: safety and liveness must hold whatever the random delays.
 */
export function runAcrossSeeds(scenarios: readonly Scenario[], seeds: number): SeedOutcome[] {
  const outcomes: SeedOutcome[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    let submitted = 0;
    const count = (_h: number, e: ModelEvent) => { if (e.kind === 'submit') submitted++; };
    const out = runConsensusWorld(scenarios[seed % scenarios.length]!, seed, { observers: [count] });
    outcomes.push({
      seed,
      failedChecks: out.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.detail}`),
      submitted,
      confirmed: out.metrics['consensus.confirmed_txs']!.value,
    });
  }
  return outcomes;
}

/**
 * A small IoMT world for tests of the IoMT configuration: one hospital of two wards × three beds with
 * one device of each kind, a 4-node PBFT consortium, clinicians and researchers; `iomt` fields and
 * `top` (duration, attacks, …) override the defaults.
 */
export function smallIomtScenario(iomt: Record<string, unknown> = {}, top: Partial<Input> = {}): Scenario {
  return consensusScenario({
    name: 'iomt-test',
    duration: '5m',
    consensus: { protocol: 'pbft', nodes: 4, batchSize: 10, batchTimeout: '200ms' },
    workload: { rateTps: 0 },
    iomt: {
      wardsPerHospital: 2,
      bedsPerWard: 3,
      devicesPerBed: { ecgPatch: 1, pulseOximeter: 1, cgm: 1, bpCuff: 1, infusionPump: 1, wearable: 1 },
      consortium: { nodesPerHospital: 1, lab: 1, insurer: 1, regulator: 1 },
      episodes: { desaturationPerHour: 2, tachycardiaPerHour: 2, notBefore: '30s' },
      access: { cliniciansPerWard: 2, clinicianRatePerHour: 120, researchers: 1, researcherRatePerHour: 120, revocationsPerHour: 30 },
      ...iomt,
    },
    ...top,
  } as Partial<Input>);
}
