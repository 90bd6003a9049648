import { describe, expect, it } from 'vitest';
import type { Engine } from '../../sim/index.ts';
import { FREE_LINK, fixedLatencyEngine, recorder, type Script } from '../../sim/testing/helpers.ts';
import { TraceRecorder, type TraceWindow } from './recorder.ts';

/** Hosts scripted by `scripts` on a 1 ms network, traced through `window` (every host kept, no chart lanes, unless given). */
function traced(scripts: readonly Script[], window: Partial<TraceWindow>, setup: (engine: Engine) => void = () => {}): TraceRecorder {
  const engine = fixedLatencyEngine(1_000);
  for (const script of scripts) engine.addHost(FREE_LINK, recorder([], script));
  const traceRecorder = new TraceRecorder({ fromUs: 0, toUs: Infinity, hosts: null, chartHosts: new Set(), ...window });
  engine.tracer = traceRecorder;
  setup(engine);
  engine.run();
  return traceRecorder;
}

const PING = { kind: 'ping' };

describe('the trace recorder', () => {
  it('draws a resend after a lost copy of the same message to the same host from the resend, leaving the lost copy undelivered', () => {
    // Host 1 is down when the first copy arrives (at 1 ms); host 0 sends the same object again at 3 ms.
    const recorded = traced([{ onStart: (ctx) => (ctx.send(1, PING, 100), ctx.setTimer(3_000, 1)), onTimer: (ctx) => ctx.send(1, PING, 100) }, {}], {}, (engine) => {
      engine.at(500, () => engine.crash(1));
      engine.at(2_000, () => engine.recover(1));
    });
    expect(recorded.flows.map((f) => [f.departUs, f.deliverUs])).toEqual([
      [0, null],
      [3_000, 4_000],
    ]);
  });

  it("cuts a crashed host's slice at the crash: the work it had left is lost", () => {
    const recorded = traced([{ onStart: (ctx) => ctx.cpu(10_000) }], {}, (engine) => engine.at(4_000, () => engine.crash(0)));
    expect(recorded.slices.map((s) => [s.startUs, s.endUs])).toEqual([[0, 4_000]]);
  });

  it('keeps a slice that starts before the window and runs into it', () => {
    const recorded = traced([{ onStart: (ctx) => ctx.cpu(10_000) }], { fromUs: 5_000 });
    expect(recorded.slices.map((s) => [s.startUs, s.endUs])).toEqual([[0, 10_000]]);
  });

  it('draws a message sent before the window and handled inside it, and does not count it as sent in the window', () => {
    const recorded = traced([{ onStart: (ctx) => ctx.send(1, PING, 100) }, {}], { fromUs: 500 });
    expect(recorded.flows.map((f) => [f.sentUs, f.deliverUs])).toEqual([[0, 1_000]]);
  });

  it('keeps a message by when it was sent, as the metrics count it, not when it left a busy sender', () => {
    const recorded = traced([{ onStart: (ctx) => (ctx.cpu(10_000), ctx.send(1, PING, 100)) }, {}], { toUs: 5_000 });
    expect(recorded.flows.map((f) => [f.sentUs, f.departUs])).toEqual([[0, 10_000]]);
  });

  it('leaves out what happens at the end of the window, as a run leaves out what is due at its duration', () => {
    const recorded = traced([{ onStart: (ctx) => ctx.send(1, PING, 100) }, {}], { toUs: 1_000 });
    expect(recorded.slices.map((s) => [s.host, s.startUs])).toEqual([
      [0, 0],
      [1, 0],
    ]);
    expect(recorded.flows[0]!.deliverUs).toBeNull();
  });

  it("keeps the chart's messages between its hosts whichever hosts the trace keeps", () => {
    const recorded = traced([{}, { onStart: (ctx) => ctx.send(2, PING, 100) }, {}], { hosts: new Set([0]), chartHosts: new Set([1, 2]) });
    expect(recorded.flows).toEqual([]);
    expect(recorded.chartFlows.map((f) => [f.from, f.to, f.deliverUs])).toEqual([[1, 2, 1_000]]);
  });
});
