/**
 * Test helpers for sim/ tests: a recording actor whose behaviour each test scripts. Only *.test.ts
 * files import it.
 */
import { Engine, type EngineOptions } from '../engine.ts';
import type { Actor, ActorContext } from '../actor.ts';
import type { HostPlacement } from '../network.ts';
import type { HostId, TimerTag } from '../types.ts';

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
