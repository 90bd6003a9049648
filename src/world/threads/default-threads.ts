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
 * Whether a point can split is read from its latencies where they settle it (run.ts
 * windowFromLatenciesUs: the WAN's floor), which is every point that takes a count by default but
 * those with device attacks; only those are planned in full, building their worlds (about a second
 * each for regional.yaml: the 20 points of `sweep scenarios/regional.yaml --vary
 * iomt.bedsPerWard=10..29 --workers 1 --dry-run` took 62 s when every point was planned).
 */
import type { Scenario } from '../../scenario/schema.ts';
import { DEVICE_KINDS } from '../../iomt/profiles.ts';
import { planSplitsInThread, type PlannedSplits } from './plan-thread.ts';
import { threadsRefusal, windowFromLatenciesUs } from './run.ts';

/** Devices each thread must have for an IoMT world to split by default (see the header). */
export const DEVICES_PER_THREAD = 18_000;

export interface DefaultThreads {
  readonly threads: number;
  /** Why, in words a progress line can show. */
  readonly why: string;
  /** The splits planned in full to choose `threads`, for the run's check to reuse (run.ts checkThreads): each world is built once. */
  readonly planned?: PlannedSplits;
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
 * What planning splits in full costs, measured on this project's 2-core machine (`sweep ... --dry-run`
 * with --threads 2 against --threads 1): 0.05-0.13 s a world and 1 s for each 30,000 devices it
 * holds (20 points of consortium.yaml: 1.1 s; 20 points of hospital.yaml, 75,600 devices: 5.1 s; 2
 * points of regional.yaml over 12 threads, 108,000 devices: 3.7 s).
 */
const PLANNING_S_PER_WORLD = 0.1;
const PLANNING_DEVICES_PER_S = 30_000;

/**
 * A line to say before the splits of `scenarios` over `threads` threads are planned in full, where
 * building their worlds takes 3 s or more (see above), so that the wait is not taken for a hang.
 */
export function planningNote(scenarios: readonly Scenario[], threads: number): string | undefined {
  const devices = scenarios.reduce((n, s) => n + deviceCount(s), 0);
  const seconds = scenarios.length * PLANNING_S_PER_WORLD + devices / PLANNING_DEVICES_PER_S;
  if (seconds < 3) return undefined;
  const worlds = scenarios.length === 1 ? 'its world' : `the worlds of ${scenarios.length} points`;
  return `planning the split over ${threads} threads: building ${worlds} (${devices.toLocaleString('en-US')} devices), about ${Math.round(seconds)} s`;
}

/**
 * Threads per replication for the points of a run (`scenarios`, one without --vary; built only
 * where the cores leave threads spare), `tasks` replications of them running at once on `cores`
 * cores, and why: the fewest any point takes, where every point can split over that many (read
 * from its latencies, else planned in a thread of its own: plan-thread.ts, said to `onNotice`
 * where that takes a while, and handed back so that the run's check does not plan them again).
 */
export async function defaultThreads(scenarios: () => readonly Scenario[], tasks: number, cores: number, onNotice?: (line: string) => void): Promise<DefaultThreads> {
  const spare = Math.floor(cores / Math.max(1, tasks));
  if (spare < 2) return { threads: 1, why: `${tasks} replication(s) on ${cores} core(s) leave none spare` };
  const points = scenarios();
  const wanted = points.map((s) => threadsWanted(s, spare));
  const fewest = wanted.reduce((a, b) => (b.threads < a.threads ? b : a));
  if (fewest.threads < 2) return fewest;
  const noWindow: DefaultThreads = { threads: 1, why: `${points.length > 1 ? 'a point\'s' : 'its'} latencies leave no window to split in` };
  const windows = points.map((s) => windowFromLatenciesUs(s, fewest.threads));
  if (windows.includes(0)) return noWindow;
  const unsettled = points.filter((_, i) => windows[i] === undefined);
  let planned: PlannedSplits | undefined;
  if (unsettled.length > 0) {
    const note = planningNote(unsettled, fewest.threads);
    if (note !== undefined) onNotice?.(note);
    const splits = await planSplitsInThread(unsettled, fewest.threads);
    if (splits.some((p) => 'problem' in p)) return noWindow;
    planned = { threads: fewest.threads, splits: new Map(unsettled.map((s, i) => [s, splits[i]!])) };
  }
  const which = points.length > 1 ? `of ${points.length} points, the one taking the fewest has ` : '';
  return { threads: fewest.threads, why: `${which}${fewest.why}, ${tasks} replication(s) on ${cores} cores`, ...(planned === undefined ? {} : { planned }) };
}
