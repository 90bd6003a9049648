/**
 * PHOLD (Fujimoto 1990), the standard synthetic benchmark for discrete-event engines.
 *
 * L logical processes each start with P events. Executing an event schedules one new event at
 * now + lookahead + Exp(mean): for the same process with probability 1 − remote (a timer), else
 * for a uniformly chosen other process (a message through the network model, whose latency is the
 * same shifted exponential). It uses the engine's public actor API, the one models use.
 */
import { Engine, type Actor, type ActorContext, type HostId, type PartitionPlan } from '../../sim/index.ts';

export interface PholdOptions {
  readonly processes: number;
  readonly eventsPerProcess: number;
  readonly remoteProbability: number;
  readonly lookaheadUs: number;
  readonly meanUs: number;
  readonly seed: number;
}

export const PHOLD_DEFAULTS: PholdOptions = {
  processes: 1000,
  eventsPerProcess: 16,
  remoteProbability: 0.1,
  lookaheadUs: 100,
  meanUs: 1000,
  seed: 1,
};

const PHOLD_MESSAGE = 0;

class PholdProcess implements Actor<number> {
  constructor(
    private readonly ctx: ActorContext<number>,
    private readonly o: PholdOptions,
  ) {}

  onStart(): void {
    for (let i = 0; i < this.o.eventsPerProcess; i++) this.next();
  }

  onMessage(): void {
    this.next();
  }

  onTimer(): void {
    this.next();
  }

  private next(): void {
    const rng = this.ctx.rng;
    if (rng.float() < this.o.remoteProbability) {
      let to = rng.int(this.o.processes - 1);
      if (to >= this.ctx.self) to++;
      this.ctx.send(to as HostId, PHOLD_MESSAGE, 0);
    } else {
      this.ctx.setTimer(this.o.lookaheadUs - this.o.meanUs * Math.log(1 - rng.float()), 0);
    }
  }
}

function buildPhold(o: PholdOptions = PHOLD_DEFAULTS, partition?: PartitionPlan): Engine {
  const engine = new Engine({
    ...(partition === undefined ? {} : { partition }),
    seed: o.seed,
    network: {
      regions: ['all'],
      latencyUs: { kind: 'exponential', mean: o.meanUs, shift: o.lookaheadUs },
    },
    maxPendingEvents: Math.max(1024, o.processes * o.eventsPerProcess * 2),
  });
  const placement = { region: 0, uploadBitsPerSec: Infinity, downloadBitsPerSec: Infinity };
  for (let i = 0; i < o.processes; i++) engine.addHost(placement, (ctx: ActorContext<number>) => new PholdProcess(ctx, o));
  return engine;
}

export interface PholdResult {
  /** Events processed in the measured part. */
  readonly events: number;
  readonly wallMs: number;
  /** Virtual time the measured part covered, and the clock at its end. */
  readonly simulatedUs: number;
  readonly endTimeUs: number;
  /** Remote events (messages through the network model) over the whole run, warm-up included. */
  readonly messagesSent: number;
  readonly traceHash: string;
}

/** Run `warmupEvents`, then time `events` more. */
export function runPhold(events: number, warmupEvents: number, o: PholdOptions = PHOLD_DEFAULTS): PholdResult {
  const engine = buildPhold(o);
  runEvents(engine, warmupEvents);
  const startUs = engine.nowUs;
  const start = process.hrtime.bigint();
  const before = engine.eventsProcessed;
  runEvents(engine, events);
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const done = engine.eventsProcessed - before;
  let messagesSent = 0;
  for (let h = 0; h < engine.hostCount; h++) messagesSent += engine.network.messagesSent[h]!;
  return {
    events: done,
    wallMs,
    simulatedUs: engine.nowUs - startUs,
    endTimeUs: engine.nowUs,
    messagesSent,
    traceHash: engine.traceHash(),
  };
}

/** Advance the engine by about `count` events, in slices of virtual time. */
function runEvents(engine: Engine, count: number): void {
  const target = engine.eventsProcessed + count;
  while (engine.eventsProcessed < target) {
    const remaining = target - engine.eventsProcessed;
    // PHOLD's rate is ≈ L·P / (lookahead + mean) events per µs; step a tenth of what is left.
    engine.run(engine.nowUs + Math.max(1, Math.ceil(remaining / 160)));
  }
}

/** PHOLD as a world module for a replication split over threads (sim/threads/protocol.ts). */
export function buildPartition(args: unknown, plan: PartitionPlan): Engine {
  return buildPhold({ ...PHOLD_DEFAULTS, ...(args as Partial<PholdOptions>) }, plan);
}
