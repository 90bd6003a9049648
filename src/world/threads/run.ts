/**
 * One replication of an IoMT or consensus-only scenario split over threads (sim/threads/): the
 * partitions' threads run the hosts; this thread builds the same world once more, never runs it,
 * and shows its observers (checkers, collectors) every event the partitions' hosts emitted, in the
 * order one engine would have, so that its output is the one-thread run's, trace hash included.
 * What the output reads from hosts' state (network totals, replicas' audit logs and consents,
 * gateways' counters) each partition reports for its own hosts, and the state-agreement checker's
 * digests travel with the commit events (src/checkers/state-agreement.ts).
 *
 * The coordinator's copy runs no hosts but runs its control callbacks (attacks' schedules, which
 * record their ground truth there) up to each event it replays, as one engine interleaves them.
 *
 * Not yet for proof of work, nor the attacks that follow the leader they observe (the partitions'
 * engines feed no observers): each is refused with its reason. What the IoMT attacks count inside
 * hosts comes back with each partition's totals, and what an attack labels as it acts inside a
 * replica arrives at the coordinator as an event (src/attacks/ground-truth.ts).
 */
import { lookaheadUs, makeSampler, startPartitionThreads } from '../../../sim/index.ts';
import type { RunOutput } from '../../metrics/types.ts';
import { threadEntry } from '../../plugins/compiled.ts';
import { registriesFor } from '../../plugins/registries.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { LatencySpec } from '../../scenario/sections/network.ts';
import type { RunWatch } from '../../metrics/interim-bounds.ts';
import { checkWatchInterval, type AssembledWorld, type PartitionCheckpoint, type PartitionTotals } from '../assemble.ts';
import { latencyDistribution } from '../network.ts';
import { floorAdvice } from './latency-floor.ts';
import { splittableWorld, type ThreadedWorldArgs } from './world-module.ts';

// From the bundle the threads start from their compiled entries (src/plugins/compiled.ts); from
// source, through tsx's loader.
const WORLD_SOURCE = new URL('./world-module.ts', import.meta.url).href;
const WORKER_SOURCE = new URL('../../../sim/threads/partition-worker.ts', import.meta.url).href;

/** Why a scenario cannot run split over threads: the field, what a split needs, what was found. */
export interface ThreadsProblem {
  readonly path: string;
  readonly expected: string;
  readonly found: string;
  /** The field inside `path` whose value is at fault, to say where it came from (a latency's floor). */
  readonly blamed?: readonly (string | number)[];
}

function problemError(p: ThreadsProblem): RangeError {
  return new RangeError(`${p.path}: expected ${p.expected}, found ${p.found}`);
}

/** Whether each of the scenario's attacks can run split over threads (its definition's `splitsOverThreads`). */
export function attacksThatSplit(scenario: Scenario): boolean[] {
  const definitions = registriesFor(scenario.plugins).attacks;
  return scenario.attacks.map((a) => definitions.find((d) => d.type === a.type)?.splitsOverThreads?.(a as never) === true);
}

/** Index of the scenario's first device attack (one acting on devices, gateways, clinicians or stores), or -1. */
function deviceAttackIndex(scenario: Scenario): number {
  const definitions = registriesFor(scenario.plugins).attacks;
  return scenario.attacks.findIndex((a) => definitions.find((d) => d.type === a.type)?.device !== undefined);
}

/** Why `scenario` cannot run split over threads yet, or undefined when its kind of world can. */
export function threadsRefusal(scenario: Scenario): ThreadsProblem | undefined {
  const now = 'on one thread for now';
  if (scenario.consensus.protocol === 'pow') return { path: 'consensus.protocol', expected: `a protocol other than pow with --threads > 1 (proof of work runs ${now})`, found: "'pow'" };
  const i = attacksThatSplit(scenario).indexOf(false);
  if (i < 0) return undefined;
  const spec = scenario.attacks[i] as { readonly type: string; readonly replicas?: unknown };
  const splitting = registriesFor(scenario.plugins).attacks.filter((d) => d.splitsOverThreads !== undefined).map((d) => d.type);
  return {
    path: `attacks.${i}.type`,
    expected: `an attack that can run split over threads with --threads > 1 (${splitting.join(', ')}; not crash of the leader; the attacks that follow the leader run ${now})`,
    found: spec.type === 'crash' && spec.replicas === 'leader' ? "crash of 'leader'" : `'${spec.type}'`,
  };
}

/** A split: the partition of each host, and the window each partition runs alone (the least latency across the cut). */
export interface SplitPlan {
  readonly assignment: number[];
  readonly lookaheadUs: number;
}

/**
 * How `scenario` splits over `threads` threads, the partition of each host, or why it cannot: its
 * kind of world, then the lookahead of the split (the least latency across it must be positive).
 */
export function planSplit(scenario: Scenario, seed: number, threads: number): SplitPlan | { readonly problem: ThreadsProblem } {
  const refusal = threadsRefusal(scenario);
  return refusal !== undefined ? { problem: refusal } : splitOf(coordinatorWorld(scenario, seed, threads), scenario, threads);
}

/**
 * The window of `scenario`'s split over `threads` threads (µs; 0: none) where its latency entries
 * settle it without building its world, else undefined. That is an IoMT world split over at most
 * one thread a hospital, none of whose attacks places hosts (only device attacks do): every
 * hospital, lab, insurer and regulator is a site, sites go whole to threads and each thread gets
 * one or more (assignHosts), and the link between regions of different sites is the WAN
 * (src/iomt/topology.ts linkBetween), so the least latency across the cut, the window planSplit
 * finds (sim/partition.ts lookaheadUs), is the WAN's floor, rounded as the network rounds it.
 */
export function windowFromLatenciesUs(scenario: Scenario, threads: number): number | undefined {
  const iomt = scenario.iomt;
  if (iomt === undefined || threads < 2 || threads > iomt.hospitals || threadsRefusal(scenario) !== undefined || deviceAttackIndex(scenario) >= 0) return undefined;
  const least = Math.round(makeSampler(latencyDistribution(iomt.links.wan)).minimum);
  return least > 0 ? least : 0;
}

/**
 * The world as the coordinator of a split over `threads` threads builds it: a partition of its own
 * that runs no host, so no actor is built (regional.yaml: about 200 ms against 550 for the whole
 * world), with every host placed on the network, which is all a plan reads.
 */
function coordinatorWorld(scenario: Scenario, seed: number, threads: number): AssembledWorld {
  return splittableWorld(scenario, seed, { count: threads + 1, self: threads });
}

/**
 * The split of a built copy of `scenario`'s world: the partition of each host, or why it cannot
 * split (a device attack with fewer sites than threads, or a lookahead of 0).
 */
function splitOf(world: AssembledWorld, scenario: Scenario, threads: number): SplitPlan | { readonly problem: ThreadsProblem } {
  const sites = world.sites();
  const siteCount = new Set(sites).size;
  // A device attack counts what it does inside one hospital's hosts (devices, gateways, store,
  // staff, attackers placed beside them): only whole sites keep those in one thread.
  const device = deviceAttackIndex(scenario);
  if (device >= 0 && siteCount < threads) {
    return {
      problem: {
        path: `attacks.${device}.type`,
        expected: `at most ${siteCount} threads with a device attack in this world (each thread must run whole sites, a hospital with its devices and gateways, and it has ${siteCount})`,
        found: `--threads ${threads}`,
      },
    };
  }
  const assignment = assignHosts(sites, threads);
  const l = lookaheadUs(world.engine.network, assignment, threads);
  if (l.widthUs >= 1) return { assignment, lookaheadUs: l.widthUs };
  // The latency entry that set the least latency: a matrix entry of network.latency, or an IoMT link.
  const field = world.latencyField(l.fromRegion, l.toRegion);
  const floor = floorAdvice(field.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], scenario) as LatencySpec);
  return {
    problem: {
      path: field.join('.'),
      expected: `a positive least latency between hosts of different threads with --threads ${threads} (the window each thread runs alone; ${floor.advice})`,
      found: `${l.widthUs} µs`,
      ...(floor.field === undefined ? {} : { blamed: [...field, floor.field] }),
    },
  };
}

/**
 * Which partition runs each host: the sites (a hospital with its devices; a region) spread over the
 * partitions, the most populous first onto the least loaded (cuts fall between sites, across the
 * largest latencies), or, with fewer sites than partitions, the hosts in turn.
 */
export function assignHosts(siteOf: readonly number[], partitions: number): number[] {
  const sites = siteOf.reduce((m, s) => Math.max(m, s + 1), 0);
  const population = new Array<number>(sites).fill(0);
  for (const s of siteOf) population[s]! += 1;
  const load = new Array<number>(partitions).fill(0);
  const partitionOfSite = new Array<number>(sites).fill(0);
  const byPopulation = population.map((n, s) => [n, s] as const).filter(([n]) => n > 0).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  if (byPopulation.length < partitions) return siteOf.map((_, h) => h % partitions);
  for (const [n, s] of byPopulation) {
    const least = load.indexOf(Math.min(...load));
    partitionOfSite[s] = least;
    load[least]! += n;
  }
  return siteOf.map((s) => partitionOfSite[s]!);
}

/**
 * One replication split over `threads` threads. With a watch, the partitions pause at each of its
 * intervals until the coordinator has shown its observers every event up to there and reported to
 * the watch, and the run ends there when the watch says so: the output, and what the watch is
 * told, are those of the one-thread run (`AssembledWorld.run(watch)`).
 */
export async function simulateOnThreads(scenario: Scenario, seed: number, threads: number, watch?: RunWatch): Promise<RunOutput> {
  if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`--threads: expected a positive integer, found ${threads}`);
  if (watch !== undefined) checkWatchInterval(watch);
  const refusal = threadsRefusal(scenario);
  if (refusal !== undefined) throw problemError(refusal);
  const args: ThreadedWorldArgs = { scenario, seed };
  const worker = threadEntry(WORKER_SOURCE);
  // The partitions' threads start and load the world's module while this one builds its copy and
  // plans the split from it (each about 0.2 s for regional.yaml); they build theirs once told their hosts.
  const started = startPartitionThreads({
    count: threads,
    worldModule: worker.moduleUrl(WORLD_SOURCE),
    worldArgs: args,
    untilUs: scenario.duration,
    workerUrl: new URL(worker.url),
    execArgv: worker.execArgv,
    observed: true,
    checkEveryUs: watch?.everyUs ?? 0,
  });
  let world: AssembledWorld;
  let split: ReturnType<typeof splitOf>;
  try {
    // The coordinator's copy runs no host, only control callbacks; it also gives the sites and the
    // network the split is planned from.
    world = coordinatorWorld(scenario, seed, threads);
    split = splitOf(world, scenario, threads);
  } catch (err) {
    await started.stop();
    throw err;
  }
  if ('problem' in split) {
    await started.stop();
    throw problemError(split.problem);
  }
  const run = await started.run({
    assignment: split.assignment,
    observers: [(h, event, t) => world.engine.replayToObservers(h, event, t)],
    beforeReplay: (t, key, key2) => world.engine.run(t, key, key2),
    ...(watch === undefined ? {} : { check: { everyUs: watch.everyUs, goOn: (atUs: number, parts: readonly unknown[]) => !world.checkPartitionedRun(watch, atUs, parts as PartitionCheckpoint[]) } }),
  });
  // The control callbacks after the last replayed event, before the end (a run covers [0, duration)).
  world.engine.runBefore(run.endUs);
  return world.outputOfPartitionedRun({ traceHash: run.traceHash, eventsProcessed: run.eventsProcessed, simulatedUs: run.endUs }, run.extras as PartitionTotals[]);
}
