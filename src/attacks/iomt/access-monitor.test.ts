import { describe, expect, it } from 'vitest';
import { Rng, type ActorContext, type ModelEvent } from '../../../sim/index.ts';
import type { AuditEntry } from '../../contracts/index.ts';
import type { NodeHeartbeat, NodeNotice, NodeSubscribe } from '../../iomt/node-messages.ts';
import { AccessMonitor } from './access-monitor.ts';

function entry(agent: string, ref: string): AuditEntry {
  return { type: 'access', action: 'R', recordedUs: 0, outcome: 'success', agent, entity: 'pt', purpose: 'TREAT', ref };
}

/** Drive the monitor window by window; `perWindow(w)` gives each requester's accesses in window w, in one notice from its node. */
function run(perWindow: (w: number) => Record<string, number>, windows: number): { subject: string; window: number }[] {
  const NODE = 0;
  const alarms: { subject: string; window: number }[] = [];
  let w = 0;
  const ctx: ActorContext<unknown> = {
    self: 1, nowUs: 0, rng: new Rng(1),
    send: () => {}, setTimer: () => 0, cancelTimer: () => {}, cpu: () => {}, cpuParallel: () => {},
    emit: (e: ModelEvent) => void alarms.push({ subject: (e as unknown as { subject: string }).subject, window: w }),
    emitFirst: () => {},
  };
  const monitor = new AccessMonitor(ctx, { windowUs: 60e6, warmupWindows: 5, requesters: ['a', 'b'], node: { host: NODE, macUs: 0, retryUs: 4e6 } });
  monitor.onStart();
  let n = 0;
  for (w = 0; w < windows; w++) {
    const items: AuditEntry[] = [];
    for (const [agent, count] of Object.entries(perWindow(w))) for (let i = 0; i < count; i++) items.push(entry(agent, `r${n++}`));
    monitor.onMessage(NODE, { kind: 'node-notice', subscription: 0, topic: 'audit', seq: w, height: w + 1, items } satisfies NodeNotice);
    monitor.onTimer(0);
  }
  return alarms;
}

describe('AccessMonitor', () => {
  it('alarms on the requester whose audited access volume jumps, in the first window after the jump', () => {
    const steady = (w: number) => 2 + (w % 3);
    const alarms = run((w) => ({ a: steady(w), b: w >= 8 ? 25 : steady(w + 1) }), 12);
    expect(new Set(alarms.map((a) => a.subject))).toEqual(new Set(['requester:b']));
    expect(Math.min(...alarms.map((a) => a.window))).toBe(8);
  });

  it("subscribes again to the audit log when its node's heartbeat numbers a notice it never got", () => {
    const NODE = 0;
    const sent: NodeSubscribe[] = [];
    const ctx: ActorContext<unknown> = {
      self: 1, nowUs: 0, rng: new Rng(1),
      send: (_to, msg) => void sent.push(msg as NodeSubscribe), setTimer: () => 0, cancelTimer: () => {}, cpu: () => {}, cpuParallel: () => {}, emit: () => {}, emitFirst: () => {},
    };
    const monitor = new AccessMonitor(ctx, { windowUs: 60e6, warmupWindows: 5, requesters: ['a'], node: { host: NODE, macUs: 0, retryUs: 4e6 } });
    monitor.onStart();
    monitor.onMessage(NODE, { kind: 'node-notice', subscription: 0, topic: 'audit', seq: 0, height: 3, items: [] } satisfies NodeNotice);
    monitor.onMessage(NODE, { kind: 'node-heartbeat', subscription: 0, topic: 'audit', seq: 1, height: 4 } satisfies NodeHeartbeat);
    expect(sent.map((m) => [m.id, m.sinceHeight])).toEqual([[0, 0], [1, 3]]);
  });

  it('stays quiet while every requester keeps its usual volume', () => {
    expect(run((w) => ({ a: 2 + (w % 3), b: 3 - (w % 2) }), 30)).toEqual([]);
  });
});
