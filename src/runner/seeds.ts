/**
 * Replication seeds. Replication 0 runs with the scenario's seed itself, so `--seed S` with one
 * replication replays exactly the run that printed seed S; replication k > 0 draws its seed from a
 * stream named after k, so seeds do not depend on how many replications run or in which order, and
 * every sweep point gets the same seeds (common random numbers).
 */
import { Rng } from '../../sim/index.ts';

export function replicationSeed(rootSeed: number, replication: number): number {
  if (replication === 0) return rootSeed;
  const rng = new Rng(rootSeed, `replication:${replication}`);
  // 53 bits from two draws: a safe integer, so the seed round-trips through JSON and --seed.
  return (rng.nextU32() >>> 11) * 4294967296 + rng.nextU32();
}

export function replicationSeeds(rootSeed: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => replicationSeed(rootSeed, k));
}
