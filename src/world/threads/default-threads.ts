/**
 * How many threads `run` and `sweep` split each replication over when `--threads` is not given:
 * the cores the replications leave free, for a world large enough to gain from a split.
 *
 * Replications come first: independent ones on cores of their own scale without a barrier, so a
 * split is only for cores they leave idle. Then only IoMT worlds of at least DEVICES_PER_THREAD
 * devices a thread split by default, at most a hospital a thread. Measured on this project's
 * 2-core machine, one replication of 5 simulated minutes, whole against two threads
 * (`/usr/bin/time node bin/iomtsim.mjs run FILE --threads T --workers 1 --no-report`):
 * regional.yaml (10 hospitals, 36,000 devices) 13.7-15.3 s whole, 11.6-12.6 s split; with 4
 * hospitals (14,400 devices) 4.4 s whole, 5.1-5.3 s split; with 2 (7,200) 2.2 against 3.3-3.4 s;
 * hospital.yaml (one hospital, 3,600 devices, an hour) 10.6-10.9 against 17.3-17.7 s; consensus-only
 * worlds, whose replicas all talk to each other, 0.3-0.8x (docs/architecture.md). A split also
 * takes about twice the memory. 18,000 devices a thread is the smallest share measured to gain.
 *
 * A sweep's replications all run on one count (the manifest records one, which --resume and merge
 * reuse): the fewest any of its points takes, and 1 where a point cannot split over that many, so
 * that a count nobody asked for never refuses a point (`--threads N` refuses it: run.ts checkThreads).
 */
import type { Scenario } from '../../scenario/schema.ts';
import { DEVICE_KINDS } from '../../iomt/profiles.ts';
import { planSplitsInThread } from './plan-thread.ts';
import { threadsRefusal } from './run.ts';

/** Devices each thread must have for an IoMT world to split by default (see the header). */
export const DEVICES_PER_THREAD = 18_000;

export interface DefaultThreads {
  readonly threads: number;
  /** Why, in words a progress line can show. */
  readonly why: string;
}

/** The devices an IoMT scenario places (0 for a consensus-only one). */
export function deviceCount(scenario: Scenario): number {
  const s = scenario.iomt;
  if (s === undefined) return 0;
  const perBed = DEVICE_KINDS.reduce((n, kind) => n + s.devicesPerBed[kind], 0);
  return s.hospitals * s.wardsPerHospital * s.bedsPerWard * perBed;
}

/** The threads one world gains from on `spare` cores, before its split is planned, and why. */
function threadsWanted(scenario: Scenario, spare: number): DefaultThreads {
  const devices = deviceCount(scenario);
  if (devices === 0) return { threads: 1, why: 'a consensus-only world runs faster whole' };
  const hospitals = scenario.iomt!.hospitals;
  const threads = Math.min(spare, hospitals, Math.floor(devices / DEVICES_PER_THREAD));
  if (threads < 2) return { threads: 1, why: `${devices.toLocaleString('en-US')} devices are too few to gain from a split (${DEVICES_PER_THREAD.toLocaleString('en-US')} a thread)` };
  if (threadsRefusal(scenario) !== undefined) return { threads: 1, why: 'this world cannot split yet' };
  return { threads, why: `${devices.toLocaleString('en-US')} devices in ${hospitals} hospitals` };
}

/**
 * Threads per replication for the points of a run (`scenarios`, one without --vary), `tasks`
 * replications of them running at once on `cores` cores, and why: the fewest any point takes, once
 * every point's split over that many is planned (in a thread of its own: plan-thread.ts).
 */
export async function defaultThreads(scenarios: readonly Scenario[], tasks: number, cores: number): Promise<DefaultThreads> {
  const spare = Math.floor(cores / Math.max(1, tasks));
  if (spare < 2) return { threads: 1, why: `${tasks} replication(s) on ${cores} core(s) leave none spare` };
  const wanted = scenarios.map((s) => threadsWanted(s, spare));
  const fewest = wanted.reduce((a, b) => (b.threads < a.threads ? b : a));
  if (fewest.threads < 2) return fewest;
  const plans = await planSplitsInThread(scenarios, fewest.threads);
  if (plans.some((p) => 'problem' in p)) return { threads: 1, why: `${scenarios.length > 1 ? 'a point\'s' : 'its'} latencies leave no window to split in` };
  const which = scenarios.length > 1 ? `of ${scenarios.length} points, the one taking the fewest has ` : '';
  return { threads: fewest.threads, why: `${which}${fewest.why}, ${tasks} replication(s) on ${cores} cores` };
}
