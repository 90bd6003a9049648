/** Draws from one seeded stream (sim/rng.ts): integers, choices, subsets and windows of time. */
import type { Rng } from '../../sim/index.ts';

/** Uniform integer in [lo, hi]. */
export function intIn(rng: Rng, lo: number, hi: number): number {
  return lo + rng.int(hi - lo + 1);
}

/** Log-uniform value in [lo, hi], for quantities spread over orders of magnitude. */
export function logIn(rng: Rng, lo: number, hi: number): number {
  return Math.exp(Math.log(lo) + rng.float() * (Math.log(hi) - Math.log(lo)));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)]!;
}

export function chance(rng: Rng, p: number): boolean {
  return rng.float() < p;
}

/** `count` distinct values of `items`, in the order drawn (a partial Fisher–Yates shuffle). */
export function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  for (let k = 0; k < count && pool.length > 0; k++) out.push(pool.splice(rng.int(pool.length), 1)[0]!);
  return out;
}

/** Milliseconds, as a scenario file writes a duration. */
export function ms(us: number): string {
  return `${Math.round(us / 1000)}ms`;
}

export interface Window {
  readonly startUs: number;
  readonly endUs: number;
}

/**
 * Up to `count` windows inside [fromUs, toUs) that do not overlap (attacks that set and then reset
 * one piece of network state, like a partition's cut links, must not interleave), each lasting
 * between `minUs` and `maxUs`, in time order, whole milliseconds.
 */
export function disjointWindows(rng: Rng, count: number, fromUs: number, toUs: number, minUs: number, maxUs: number): Window[] {
  const out: Window[] = [];
  let at = fromUs;
  for (let k = 0; k < count; k++) {
    const room = toUs - at;
    if (room < minUs) break;
    const lengthUs = Math.min(room, minUs + rng.float() * (maxUs - minUs));
    const startUs = at + rng.float() * (room - lengthUs) / (count - k);
    const start = Math.round(startUs / 1000) * 1000;
    const end = Math.min(toUs, start + Math.max(1000, Math.round(lengthUs / 1000) * 1000));
    out.push({ startUs: start, endUs: end });
    // A gap: a window that ends where the next starts would reset and set the same state at one instant.
    at = end + 1000;
  }
  return out;
}
