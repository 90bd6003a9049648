import { describe, expect, it } from 'vitest';
import { Rng, type ActorContext, type TimerTag } from '../../sim/index.ts';
import { IomtLedgerApp } from '../contracts/index.ts';
import { ZERO_CRYPTO_COSTS } from '../ledger/index.ts';
import { ConsortiumNode } from './consortium-node.ts';

describe('ConsortiumNode', () => {
  it("keeps its service's heartbeat timer from its start and after a crash, and hands the replica only the replica's timers", () => {
    const timers: { delayUs: number; tag: TimerTag }[] = [];
    const replicaTimers: TimerTag[] = [];
    const ctx: ActorContext<unknown> = {
      self: 0, nowUs: 0, rng: new Rng(1),
      send: () => {}, setTimer: (delayUs, tag) => timers.push({ delayUs, tag }), cancelTimer: () => {}, cpu: () => {}, cpuParallel: () => {}, emit: () => {}, emitFirst: () => {},
    };
    const app = new IomtLedgerApp({ gateways: [], alertRules: [] });
    const node = new ConsortiumNode(ctx, { app, costs: ZERO_CRYPTO_COSTS, heartbeatUs: 1_000_000 }, () => ({ onMessage: () => {}, onTimer: (tag) => void replicaTimers.push(tag) }));
    node.onStart();
    expect(timers).toHaveLength(1);
    const heartbeat = timers[0]!;
    expect(heartbeat.delayUs).toBe(1_000_000);
    node.onTimer(heartbeat.tag);
    node.onTimer(0);
    expect(replicaTimers).toEqual([0]);
    node.onRecover();
    expect(timers.map((t) => t.tag)).toEqual([heartbeat.tag, heartbeat.tag, heartbeat.tag]);
  });
});
