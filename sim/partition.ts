/**
 * One replication split over partitions of its hosts, run in windows of simulated time
 * (conservative synchronisation: Chandy & Misra 1979; Lubachevsky's bounded lag, 1989; Shadow and
 * ns-3 run hosts on threads this way, docs/references.md).
 *
 * Every partition builds the whole world (the same hosts, actors and random streams, in the same
 * order) and runs only its own hosts' events; a message to another partition's host is handed over
 * at the end of the window instead of being queued. A message sent at t arrives no sooner than t
 * plus the least latency between the two hosts' regions, so with windows no wider than the least
 * latency across any cut (the lookahead), nothing sent in a window can arrive inside it, and each
 * partition can run a window without hearing from the others. Ties are broken by (scheduling
 * time, source, source sequence) (sim/engine.ts), which each partition computes for its own hosts,
 * so the merged order does not depend on how many partitions there are or which ran first.
 *
 * Control callbacks (`Engine.at`) run in every partition at the same point of that order, so state
 * they change outside the hosts (network partitions, cut links) stays the same everywhere.
 *
 * Observers (metrics collectors, checkers) must see one stream in one order. A partitioned engine
 * does not call them: it records what its hosts emit with the (time, keys) of the event being
 * handled, and the coordinator merges the partitions' records window by window. In one engine,
 * handled events come out of the queue in (time, keys) order and emit in that order, so the merge
 * reproduces it exactly.
 */
import type { EmitKey, FirstEmissions } from './first-emissions.ts';
import type { HostId, ModelEvent, ModelEventObserver } from './types.ts';
import type { Network } from './network.ts';

/** Which partition runs each host, and which one this engine is. */
export interface PartitionPlan {
  /** Number of partitions (≥ 1). */
  readonly count: number;
  /** The partition this engine runs. */
  readonly self: number;
  /**
   * The partition that runs host `h`; called once per host, when it is added. Absent for a
   * coordinator's engine, which runs no host, only its control callbacks (sim/threads/).
   */
  partitionOf?(h: HostId): number;
}

/** Messages sent during one window to the hosts of one other partition, as plain arrays. */
export interface CrossingBatch {
  /** When each reaches its receiver (its downlink where it has a queue, else the receiver). */
  readonly atUs: number[];
  /** Ordering keys, kept from the sender: when it was sent, and its source key. */
  readonly scheduledUs: number[];
  readonly key: number[];
  /** Engine event kind: through the receiver's downlink queue or straight to delivery. */
  readonly kind: number[];
  readonly to: number[];
  readonly from: number[];
  readonly sizeBytes: number[];
  /** When each left its sender (ns) and the sender's incarnation then: the receiver's engine drops one its sender's crash caught. */
  readonly departNs: number[];
  readonly senderIncarnation: number[];
  readonly msg: unknown[];
}

export function emptyBatch(): CrossingBatch {
  return { atUs: [], scheduledUs: [], key: [], kind: [], to: [], from: [], sizeBytes: [], departNs: [], senderIncarnation: [], msg: [] };
}

/** The window width of a split, and the pair of regions whose least latency set it. */
export interface Lookahead {
  /** The least latency between any two hosts in different partitions (Infinity with nothing to cross). */
  readonly widthUs: number;
  /** The regions, sender's then receiver's, whose floor is the width (-1 with nothing to cross). */
  readonly fromRegion: number;
  readonly toRegion: number;
}

/**
 * The window width: the least latency between any two hosts in different partitions, from the
 * network model's floors. Zero means no window can be run safely; the caller refuses the split,
 * naming the latency (the pair of regions) to give a floor.
 */
export function lookaheadUs(network: Network, partitionOfHost: ArrayLike<number>, partitions: number): Lookahead {
  const regions = network.regionTotal;
  // Which regions each partition has hosts in.
  const present = Array.from({ length: partitions }, () => new Uint8Array(regions));
  for (let h = 0; h < partitionOfHost.length; h++) present[partitionOfHost[h]!]![network.regionOf(h)] = 1;
  let least: Lookahead = { widthUs: Infinity, fromRegion: -1, toRegion: -1 };
  for (let p = 0; p < partitions; p++) {
    for (let q = 0; q < partitions; q++) {
      if (p === q) continue;
      for (let a = 0; a < regions; a++) {
        if (present[p]![a] === 0) continue;
        for (let b = 0; b < regions; b++) {
          if (present[q]![b] === 0) continue;
          const l = network.minLatencyUs(a, b);
          if (l < least.widthUs) least = { widthUs: l, fromRegion: a, toRegion: b };
        }
      }
    }
  }
  return least;
}

/** What one partition's hosts emitted during a window, in the order they emitted it. */
export interface EmittedBatch {
  readonly atUs: number[];
  /** Keys of the event being handled when it was emitted (the order across partitions). */
  readonly key: number[];
  readonly key2: number[];
  readonly host: number[];
  readonly event: ModelEvent[];
  /** The key an event was emitted with by `emitFirst`, null for `emit`. */
  readonly firstKey: (EmitKey | null)[];
}

export function emptyEmitted(): EmittedBatch {
  return { atUs: [], key: [], key2: [], host: [], event: [], firstKey: [] };
}

/**
 * Hand the partitions' emitted events of one window to `observers` in the order one engine would
 * have: by (time, keys of the handled event), and in emission order within one handled event (which
 * lies in one partition's batch); of the events emitted with `emitFirst`, those `first` (kept for
 * the whole run) admits. `beforeEach` runs before each handled event's emissions.
 */
export function replayEmitted(batches: readonly EmittedBatch[], observers: readonly ModelEventObserver[], first: FirstEmissions, beforeEach?: (timeUs: number, key: number, key2: number) => void): void {
  const next = new Array<number>(batches.length).fill(0);
  for (;;) {
    let best = -1;
    for (let p = 0; p < batches.length; p++) {
      const b = batches[p]!, i = next[p]!;
      if (i >= b.atUs.length) continue;
      if (best < 0) { best = p; continue; }
      const bb = batches[best]!, j = next[best]!;
      const earlier = b.atUs[i]! < bb.atUs[j]! || (b.atUs[i] === bb.atUs[j] && (b.key[i]! < bb.key[j]! || (b.key[i] === bb.key[j] && b.key2[i]! < bb.key2[j]!)));
      if (earlier) best = p;
    }
    if (best < 0) return;
    const b = batches[best]!;
    // Everything this handled event emitted, in order.
    const t = b.atUs[next[best]!]!, key = b.key[next[best]!]!, key2 = b.key2[next[best]!]!;
    beforeEach?.(t, key, key2);
    for (let i = next[best]!; i < b.atUs.length && b.atUs[i] === t && b.key[i] === key && b.key2[i] === key2; i++, next[best]!++) {
      const event = b.event[i]!, firstKey = b.firstKey[i]!;
      if (firstKey !== null && !first.admit(event.kind, firstKey)) continue;
      for (const o of observers) o(b.host[i]!, event, t);
    }
  }
}
