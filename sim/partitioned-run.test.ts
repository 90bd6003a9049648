import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionableTrafficEngine } from './testing/helpers.ts';
import { runPartitionsInProcess, wholeRun } from './partitioned-run.ts';
import { Engine } from './engine.ts';
import { FREE_LINK, recorder } from './testing/helpers.ts';
import type { ModelEventObserver } from './types.ts';

const UNTIL_US = 200_000;

/** An observer appending (host, time, event) to `log`. */
function recordInto(log: unknown[]): ModelEventObserver {
  return (h, event, t) => void log.push([h, t, event]);
}

/** The world split by `assign` into `count` partitions, each engine running one. */
function split(seed: number, hostCount: number, count: number, assign: (h: number) => number): Engine[] {
  return Array.from({ length: count }, (_, self) => partitionableTrafficEngine(seed, hostCount, { count, self, partitionOf: assign }));
}

describe('partitioned run', () => {
  it('gives the trace hash, events, counters and observed events of the whole run, for 1 to 4 partitions and any assignment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 4, max: 24 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.nat(), { minLength: 24, maxLength: 24 }),
        (seed, hostCount, count, draws) => {
          const whole = partitionableTrafficEngine(seed, hostCount);
          const seenWhole: unknown[] = [];
          whole.observe(recordInto(seenWhole));
          whole.runBefore(UNTIL_US);
          const expected = wholeRun(whole);
          const seenParts: unknown[] = [];
          const parts = runPartitionsInProcess(split(seed, hostCount, count, (h) => draws[h]! % count), UNTIL_US, [recordInto(seenParts)]);
          expect(parts).toEqual(expected);
          expect(seenParts).toEqual(seenWhole);
          expect(expected.eventsProcessed).toBeGreaterThan(500);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("runs a coordinator's control callbacks up to each replayed event, so its observers meet their state where one engine's do", () => {
    // Control callbacks that count, one of them right after the world's own emitting callback at
    // 40 ms (a later key at the same time): the observers log the count with each event.
    const withCounter = (e: Engine, log: unknown[]) => {
      let count = 0;
      for (const t of [0, 39_999, 40_000, 40_000, 90_000, 120_001]) e.at(t, () => void count++);
      e.observe((h, event, t) => void log.push([h, t, event.kind, count]));
    };
    const seenWhole: unknown[] = [];
    const whole = partitionableTrafficEngine(5, 10);
    withCounter(whole, seenWhole);
    whole.runBefore(UNTIL_US);
    const count = 2;
    const assign = (h: number) => h % count;
    const coordinator = partitionableTrafficEngine(5, 10, { count: count + 1, self: count, partitionOf: assign });
    const seenSplit: unknown[] = [];
    withCounter(coordinator, seenSplit);
    runPartitionsInProcess(split(5, 10, count, assign), UNTIL_US, [(h, e, t) => coordinator.replayToObservers(h, e, t)], (t, key, key2) => coordinator.run(t, key, key2));
    expect(seenSplit).toEqual(seenWhole);
    expect(seenWhole.some((s) => (s as unknown[])[2] === 'link-cut')).toBe(true);
  });

  it('lets the partition that runs a host add to what the host emits (exportEmitted); one engine never calls it', () => {
    const whole = partitionableTrafficEngine(7, 8);
    let calls = 0;
    whole.exportEmitted((_h, event) => (calls++, event));
    const seenWhole: unknown[] = [];
    whole.observe(recordInto(seenWhole));
    whole.runBefore(UNTIL_US);
    expect(calls).toBe(0);
    const parts = split(7, 8, 2, (h) => h % 2);
    for (const p of parts) p.exportEmitted((h, event) => ({ ...event, runHere: h >= 0 && p.runsHost(h) }));
    const seenParts: [number, number, { kind: string; runHere: boolean }][] = [];
    runPartitionsInProcess(parts, UNTIL_US, [recordInto(seenParts)]);
    const hostEvents = seenParts.filter(([h]) => h >= 0);
    expect(hostEvents.length).toBeGreaterThan(100);
    expect(hostEvents.every(([, , e]) => e.runHere)).toBe(true);
    expect(seenParts.map(([h, t, e]) => [h, t, e.kind])).toEqual((seenWhole as [number, number, { kind: string }][]).map(([h, t, e]) => [h, t, e.kind]));
  });

  it('builds only the actors of the hosts it runs, and names the partition that runs another', () => {
    const built: number[] = [];
    const e = new Engine({ seed: 1, partition: { count: 2, self: 1, partitionOf: (h) => h % 2 } });
    for (let h = 0; h < 6; h++) e.addHost(FREE_LINK, (ctx) => (built.push(ctx.self), recorder([])(ctx)));
    expect(built).toEqual([1, 3, 5]);
    expect(() => e.actor(3)).not.toThrow();
    expect(() => e.actor(2)).toThrow(/^host 2: its actor runs in partition 0 of a split run, not in this engine's \(1\)$/);
    const coordinator = new Engine({ seed: 1, partition: { count: 3, self: 2 } });
    coordinator.addHost(FREE_LINK, recorder([]));
    expect(() => coordinator.actor(0)).toThrow(/^host 0: its actor runs in a partition's engine, not in this coordinator's$/);
  });

  it("runs no host's events in a coordinator's engine (no partitionOf), only its control callbacks", () => {
    const coordinator = partitionableTrafficEngine(3, 6, { count: 3, self: 2 });
    let callbacks = 0;
    coordinator.at(50_000, () => void callbacks++);
    coordinator.run(UNTIL_US);
    expect(callbacks).toBe(1);
    expect(Array.from({ length: 6 }, (_, h) => coordinator.runsHost(h))).toEqual(new Array(6).fill(false));
    // The control callbacks of the world itself (crashes, cuts) ran; no host handled anything.
    expect(coordinator.trace.count).toBe(coordinator.eventsProcessed);
    expect(Array.from({ length: 6 }, (_, h) => coordinator.trace.stream(h)[2])).toEqual(new Array(6).fill(0));
  });

  it('takes windows as wide as the least latency across a cut, and no wider', () => {
    // Regions a and b are 2 ms apart at least; inside a region, 250-400 µs.
    const byRegion = split(3, 12, 3, (h) => h % 3);
    const oneHostMoved = split(3, 12, 3, (h) => (h === 4 ? 0 : h % 3));
    const whole = partitionableTrafficEngine(3, 12);
    whole.runBefore(UNTIL_US);
    expect(runPartitionsInProcess(byRegion, UNTIL_US)).toEqual(wholeRun(whole));
    expect(runPartitionsInProcess(oneHostMoved, UNTIL_US)).toEqual(wholeRun(whole));
  });

  it('refuses a split whose hosts can reach each other in 0 µs', () => {
    const engines = [0, 1].map((self) => {
      const e = new Engine({ seed: 1, partition: { count: 2, self, partitionOf: (h) => h } });
      e.addHost(FREE_LINK, recorder([]));
      e.addHost(FREE_LINK, recorder([]));
      return e;
    });
    expect(() => runPartitionsInProcess(engines, 1000)).toThrow(/lookahead.*found 0 µs from region '.*' to '.*'/);
  });

  it('refuses a message that would arrive inside the window it was sent in', () => {
    const e = partitionableTrafficEngine(1, 4, { count: 2, self: 0, partitionOf: (h) => h % 2 });
    // The window ran the events before 1 ms: one arriving at 1 ms is for the next window, one before is not.
    e.runBefore(1_000);
    const batch = (atUs: number) => ({ atUs: [atUs], scheduledUs: [900], key: [1], kind: [1], to: [0], from: [1], sizeBytes: [10], departNs: [900_000], senderIncarnation: [0], msg: [null] });
    expect(() => e.receiveCrossing(batch(999))).toThrow(/arrival of a message from host 1 to host 0.*found 999/);
    expect(() => e.receiveCrossing(batch(1_000))).not.toThrow();
  });
});
