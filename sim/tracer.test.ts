import { describe, expect, it } from 'vitest';
import { FREE_LINK, fixedLatencyEngine, recorder } from './testing/helpers.ts';
import type { EngineTracer, HandledKind } from './tracer.ts';

function recordingTracer() {
  const sent: [number, number, number, number][] = [];
  const handled: [number, HandledKind, number, number][] = [];
  const sendKeys: number[] = [];
  const deliveryKeys: number[] = [];
  const crashes: [number, number][] = [];
  const tracer: EngineTracer = {
    sent: (from, to, _msg, _size, _sentUs, departUs, arrivalUs, sendKey) => {
      sent.push([from, to, departUs, arrivalUs]);
      sendKeys.push(sendKey);
    },
    handled: (host, kind, startUs, busyUntilUs, _from, _msg, sendKey) => {
      handled.push([host, kind, startUs, busyUntilUs]);
      if (kind === 'deliver') deliveryKeys.push(sendKey);
    },
    crashed: (host, timeUs) => void crashes.push([host, timeUs]),
  };
  return { tracer, sent, handled, sendKeys, deliveryKeys, crashes };
}

describe('the engine tracer', () => {
  it('sees a send leave after the work charged before it and its handling with the work it charged', () => {
    const engine = fixedLatencyEngine(1_000);
    engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => (ctx.cpu(30), ctx.send(1, 'ping', 100)) }));
    engine.addHost(FREE_LINK, recorder([], { onMessage: (ctx) => ctx.cpu(7) }));
    const { tracer, sent, handled } = recordingTracer();
    engine.tracer = tracer;
    engine.run();
    expect(sent).toEqual([[0, 1, 30, 1_030]]);
    expect(handled).toEqual([
      [0, 'start', 0, 30],
      [1, 'start', 0, 0],
      [1, 'deliver', 1_030, 1_037],
    ]);
  });

  it('names each send, and its delivery by the same key, so that two sends of one object to one host are told apart', () => {
    const engine = fixedLatencyEngine(1_000);
    const ping = { kind: 'ping' };
    engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => (ctx.send(1, ping, 100), ctx.cpu(10), ctx.send(1, ping, 100)) }));
    engine.addHost(FREE_LINK, recorder([]));
    const { tracer, sendKeys, deliveryKeys } = recordingTracer();
    engine.tracer = tracer;
    engine.run();
    expect(new Set(sendKeys).size).toBe(2);
    expect(deliveryKeys).toEqual(sendKeys);
  });

  it('tells of a crash at its time', () => {
    const engine = fixedLatencyEngine(1_000);
    engine.addHost(FREE_LINK, recorder([]));
    const { tracer, crashes } = recordingTracer();
    engine.tracer = tracer;
    engine.at(250, () => engine.crash(0));
    engine.at(300, () => engine.crash(0));
    engine.run();
    expect(crashes).toEqual([[0, 250]]);
  });

  it('leaves the run unchanged: the same trace hash with and without a tracer', () => {
    const build = () => {
      const engine = fixedLatencyEngine(500);
      engine.addHost(FREE_LINK, recorder([], { onStart: (ctx) => (ctx.send(1, 'a', 10), ctx.setTimer(50, 1)) }));
      engine.addHost(FREE_LINK, recorder([], { onMessage: (ctx) => ctx.send(0, 'b', 10) }));
      return engine;
    };
    const plain = build();
    plain.run();
    const traced = build();
    traced.tracer = recordingTracer().tracer;
    traced.run();
    expect(traced.traceHash()).toBe(plain.traceHash());
  });
});
