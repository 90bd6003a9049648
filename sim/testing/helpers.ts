/**
 * Test helpers for sim/ tests: a recording actor whose behaviour each test scripts. Only *.test.ts
 * files import it.
 */
import { Engine, type EngineOptions } from '../engine.ts';
import type { Actor, ActorContext } from '../actor.ts';
import type { HostPlacement } from '../network.ts';
import { Rng } from '../rng.ts';
import type { HostId, ModelEvent, TimerTag } from '../types.ts';

export interface Seen {
  readonly host: HostId;
  readonly timeUs: number;
  readonly what: 'start' | 'message' | 'timer' | 'recover';
  readonly from: HostId;
  readonly value: unknown;
}

export interface Script {
  onStart?(ctx: ActorContext<unknown>): void;
  onMessage?(ctx: ActorContext<unknown>, from: HostId, msg: unknown): void;
  onTimer?(ctx: ActorContext<unknown>, tag: TimerTag): void;
  onRecover?(ctx: ActorContext<unknown>): void;
}

/** An actor that logs what reaches it into `log`, then runs the script. */
export function recorder(log: Seen[], script: Script = {}) {
  return (ctx: ActorContext<unknown>): Actor<unknown> => ({
    onStart() {
      log.push({ host: ctx.self, timeUs: ctx.nowUs, what: 'start', from: ctx.self, value: undefined });
      script.onStart?.(ctx);
    },
    onMessage(from, msg) {
      log.push({ host: ctx.self, timeUs: ctx.nowUs, what: 'message', from, value: msg });
      script.onMessage?.(ctx, from, msg);
    },
    onTimer(tag) {
      log.push({ host: ctx.self, timeUs: ctx.nowUs, what: 'timer', from: ctx.self, value: tag });
      script.onTimer?.(ctx, tag);
    },
    onRecover() {
      log.push({ host: ctx.self, timeUs: ctx.nowUs, what: 'recover', from: ctx.self, value: undefined });
      script.onRecover?.(ctx);
    },
  });
}

export const FREE_LINK: HostPlacement = { region: 0, uploadBitsPerSec: Infinity, downloadBitsPerSec: Infinity };

/** An engine with one region and a fixed one-way latency. */
export function fixedLatencyEngine(latencyUs: number, extra: Partial<EngineOptions> = {}): Engine {
  return new Engine({ seed: 1, network: { regions: ['r'], latencyUs: { kind: 'fixed', value: latencyUs } }, ...extra });
}

/** Messages and timers only (drops the start records). */
export function events(log: readonly Seen[]): Seen[] {
  return log.filter((s) => s.what !== 'start');
}

/**
 * A small random workload touching every engine feature the trace hash covers: random sends with
 * lognormal latency and loss, timers, cancellations and CPU work. Deterministic for a seed.
 */
export function randomTrafficEngine(seed: number, hostCount = 20): Engine {
  const engine = new Engine({
    seed,
    network: { regions: ['r'], latencyUs: { kind: 'lognormal', mu: 7, sigma: 0.5 }, lossProbability: 0.05 },
  });
  const link: HostPlacement = { region: 0, uploadBitsPerSec: 10_000_000, downloadBitsPerSec: 10_000_000 };
  for (let i = 0; i < hostCount; i++) {
    engine.addHost(link, (ctx: ActorContext<unknown>): Actor<unknown> => {
      const act = () => {
        const r = ctx.rng.float();
        if (r < 0.5) ctx.send(ctx.rng.int(hostCount), r, 200 + ctx.rng.int(2_000));
        else if (r < 0.6) ctx.cancelTimer(ctx.setTimer(100, 1));
        else ctx.cpu(ctx.rng.int(300));
        ctx.setTimer(500 + ctx.rng.int(1_000), 0);
      };
      return { onStart: act, onMessage: act, onTimer: (tag) => { if (tag === 0) act(); } };
    });
  }
  return engine;
}

/**
 * A random world for partitioned runs: three regions whose latencies have positive floors and few
 * distinct values (so that events of different sources tie), finite
 * links (so downlinks queue), loss, hosts with one to three cores, timers and cancellations, and
 * control events that crash and recover hosts, split and heal the network, cut links and add
 * delays; hosts and control callbacks emit model events. Deterministic for a seed; `partition` makes the engine run one partition of it.
 */
export function partitionableTrafficEngine(seed: number, hostCount: number, partition?: EngineOptions['partition']): Engine {
  const floors = [[300, 2_000, 5_000], [2_000, 250, 4_000], [5_000, 4_000, 400]];
  const engine = new Engine({
    seed,
    network: {
      regions: ['a', 'b', 'c'],
      // Few distinct latencies and coarse timers, so events of different sources often meet at one µs.
      latencyUs: floors.map((row) => row.map((floor) => ({ kind: 'empirical' as const, values: [floor, floor + 100, floor + 300] }))),
      lossProbability: 0.02,
    },
    ...(partition === undefined ? {} : { partition }),
  });
  for (let i = 0; i < hostCount; i++) {
    const link: HostPlacement = { region: i % 3, uploadBitsPerSec: 2_000_000 * (1 + (i % 4)), downloadBitsPerSec: 4_000_000, cores: 1 + (i % 3) };
    engine.addHost(link, (ctx: ActorContext<unknown>): Actor<unknown> => {
      const act = () => {
        const r = ctx.rng.float();
        // Observers must see these in one order however the hosts are split; some handlers emit twice.
        ctx.emit({ kind: 'act', r } as ModelEvent);
        if (r < 0.2) ctx.emit({ kind: 'act-again', r } as ModelEvent);
        // Reported by many hosts alike, by one of 8 keys: observers see the first of each key.
        else if (r >= 0.8) ctx.emitFirst(Math.floor(r * 40), { kind: 'act-first', r } as ModelEvent);
        if (r < 0.45) ctx.send(ctx.rng.int(hostCount), { from: ctx.self, r }, 100 + ctx.rng.int(3_000));
        else if (r < 0.5) for (let k = 0; k < 3; k++) ctx.send(ctx.rng.int(hostCount), r, 64);
        else if (r < 0.6) ctx.cancelTimer(ctx.setTimer(100, 1));
        else if (r < 0.7) ctx.cpuParallel(1 + ctx.rng.int(6), 50);
        else ctx.cpu(ctx.rng.int(300));
        ctx.setTimer(100 * (2 + ctx.rng.int(20)), 0);
      };
      return {
        onStart: act,
        onMessage: act,
        onTimer: (tag) => { if (tag === 0) act(); },
        onRecover: act,
      };
    });
  }
  // Faults on a schedule drawn from the seed, the same in every partition.
  const faults = new Rng(seed ^ 0x5eed).stream('faults');
  for (let k = 0; k < 6; k++) {
    const h = faults.int(hostCount);
    const atUs = 20_000 + faults.int(150_000);
    engine.at(atUs, () => {
      engine.crash(h);
      engine.emit(h, { kind: 'crashed' });
    });
    engine.at(atUs + faults.int(30_000), () => engine.recover(h));
  }
  const a = faults.int(hostCount), b = faults.int(hostCount);
  engine.at(40_000, () => {
    engine.network.cutLink(a, b);
    engine.emit(-1, { kind: 'link-cut' });
  });
  engine.at(90_000, () => engine.network.restoreLink(a, b));
  engine.at(60_000, () => engine.network.setPartition([[0, 1, 2, 3]]));
  engine.at(110_000, () => engine.network.healPartition());
  engine.at(70_000, () => engine.network.addExtraDelay(faults.int(hostCount), 3_000));
  return engine;
}
