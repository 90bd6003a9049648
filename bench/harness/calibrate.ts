import { median } from '../../src/stats/index.ts';

/**
 * The calibration loop: a fixed pure-JS workload shaped like the simulator's own (a binary heap
 * over typed arrays, 32-bit integer mixing, a Map of small records), timed in the same process as
 * each benchmark run. Dividing a run's CPU time by the loop's cancels most of the machine's speed,
 * so a slower CI runner does not look like a regression. CPU time rather than wall time, because
 * on a shared machine other processes' load stretches wall time by factors (measured here at load
 * 12 on 2 cores: wall ratios spread 2.1–3.5, CPU-time ratios 2.7–3.1 for the same PHOLD run).
 */

/**
 * Work per calibration: 7 rounds of about 40 ms of CPU each on this machine; the calibration's
 * figure is the median round, so a round hit by a garbage collection or a migration does not move
 * it (a single 3-round total varied by ±20 % between runs here). The heap (2 MB) and the map of
 * 65,536 live records are larger than a core's L2, as the simulator's working set is: a loop that
 * fits in L2 reacts less to cache contention than the simulator does (under load 12 the PHOLD /
 * calibration ratio varied by 7.1 % with a 128 KB heap, 4.5 % with this one).
 */
const ROUNDS = 7;
const HEAP_SIZE = 262_144;
const OPS_PER_ROUND = 100_000;

export interface Calibration {
  /** Wall time of all rounds. */
  readonly wallMs: number;
  /** User + system CPU time of this process during the median round. */
  readonly cpuMs: number;
  /** Depends only on the workload; reported so the JIT cannot drop the work, and equal on every call. */
  readonly checksum: number;
}

export function runCalibration(): Calibration {
  const start = process.hrtime.bigint();
  const roundCpuMs: number[] = [];
  let checksum = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const cpuStart = process.cpuUsage();
    checksum = (checksum + oneRound()) >>> 0;
    roundCpuMs.push(cpuMsSince(cpuStart));
  }
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  return { wallMs, cpuMs: median(roundCpuMs), checksum };
}

/** User + system CPU milliseconds of this process (all its threads) since `start`. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/** Hold-model heap traffic (pop the earliest, push a later one) plus a map of live records. */
function oneRound(): number {
  const keys = new Float64Array(HEAP_SIZE);
  let x = 0x9e3779b9;
  let size = 0;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  for (let i = 0; i < HEAP_SIZE; i++) size = heapPush(keys, size, next() * 1000);
  const live = new Map<number, { key: number; hits: number }>();
  let acc = 0;
  for (let i = 0; i < OPS_PER_ROUND; i++) {
    const t = keys[0]!;
    size = heapPop(keys, size);
    size = heapPush(keys, size, t + next() * 1000);
    const id = i & 65535;
    const rec = live.get(id);
    if (rec === undefined) live.set(id, { key: t, hits: 1 });
    else {
      rec.hits++;
      if (rec.hits > 8) live.delete(id);
    }
    acc = Math.imul(acc ^ (t * 1000), 0x85ebca6b) >>> 0;
  }
  return (acc + live.size) >>> 0;
}

function heapPush(h: Float64Array, size: number, key: number): number {
  let i = size;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (h[p]! <= key) break;
    h[i] = h[p]!;
    i = p;
  }
  h[i] = key;
  return size + 1;
}

function heapPop(h: Float64Array, size: number): number {
  const n = size - 1;
  const last = h[n]!;
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && h[c + 1]! < h[c]!) c++;
    if (last <= h[c]!) break;
    h[i] = h[c]!;
    i = c;
  }
  h[i] = last;
  return n;
}
