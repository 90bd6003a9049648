/**
 * Known-answer counts of the device attacks, each worked out by hand from the attack's documented
 * parameters: the attacker (a host of its own, or a behaviour in the proxy around a device or
 * clinician) is driven on a scripted context over a closed window, and every reading it lets out is
 * handed at once to the tap around a gateway, as a lossless radio hop would.
 */
import { describe, expect, it } from 'vitest';
import type { Actor, ActorContext, HostId, Rng } from '../../../sim/index.ts';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import { KeyRing, ZERO_CRYPTO_COSTS, type SigningKey } from '../../ledger/index.ts';
import { DEFAULT_ALERT_RULES } from '../../iomt/alert-rules.ts';
import { Gateway } from '../../iomt/gateway.ts';
import type { PutBatch } from '../../iomt/messages.ts';
import { DEFAULT_PROFILES } from '../../iomt/profiles.ts';
import { readingTerm, type ReadingMessage } from '../../iomt/reading.ts';
import type { Metrics } from '../../metrics/types.ts';
import { attackSpecSchema } from '../definition.ts';
import { GroundTruth } from '../ground-truth.ts';
import { DeviceProxy, type DeviceBehaviour } from './device-proxy.ts';
import { flood } from './flood.ts';
import { GatewayTap } from './gateway-tap.ts';
import type { DeviceAttackEnv } from './hooks.ts';
import { insider } from './insider.ts';
import { MessageLabels } from './labels.ts';
import { replay } from './replay.ts';
import { stolenKey } from './stolen-key.ts';
import { StolenKeySpoofer } from './stolen-key-spoofer.ts';
import { sybil } from './sybil.ts';
import { SybilAttacker } from './sybil-attacker.ts';
import { tamper } from './tamper.ts';

const S = 1_000_000;
const GATEWAY = 7;
const STORE = 9;
const DEVICE_HOST = 20;

const newEnv = (): DeviceAttackEnv => ({ truth: new GroundTruth(), labels: new MessageLabels(), taps: [], forwardGatewayAlarmsTo: () => {} });
const value = (m: Metrics, name: string): number | undefined => m[name]?.value;

/**
 * Fire the timers `actor` sets on `ctx` in time order, as an engine would, until `endUs`
 * (exclusive); `after` runs after the start and after each timer (to pass on what was sent).
 */
function runUntil(ctx: ScriptedContext, actor: Actor<unknown>, endUs: number, after: () => void = () => {}): void {
  const due: { atUs: number; id: number }[] = [];
  let seen = 0;
  const collect = (): void => {
    for (; seen < ctx.timers.length; seen++) due.push({ atUs: ctx.nowUs + ctx.timers[seen]!.delayUs, id: seen });
    after();
  };
  actor.onStart?.();
  collect();
  for (;;) {
    due.sort((a, b) => a.atUs - b.atUs || a.id - b.id);
    const next = due.shift();
    if (next === undefined || next.atUs >= endUs) break;
    const t = ctx.timers[next.id]!;
    if (t.cancelled) continue;
    ctx.nowUs = next.atUs;
    actor.onTimer(t.tag);
    collect();
  }
  ctx.nowUs = endUs;
}

/** Hand every reading `from` sent so far to `tap` now (a lossless hop with no latency). */
function forward(from: ScriptedContext, tap: GatewayTap): void {
  for (const s of from.take('reading')) {
    expect(s.to).toBe(GATEWAY);
    (tap.ctx as ScriptedContext).nowUs = from.nowUs;
    tap.onMessage(from.self, s.msg);
  }
}

/** A gateway whose honest code takes in every reading and never seals a batch. */
const acceptingGateway = (): Actor<unknown> & { accepted: number } => {
  const g = { accepted: 0, onMessage(_from: HostId, msg: unknown) { if ((msg as { kind: string }).kind === 'reading') g.accepted++; }, onTimer() {} };
  return g;
};

/** A gateway whose admission refuses every reading (its accepted counter never moves). */
const refusingGateway = (): Actor<unknown> & { accepted: number } => ({ accepted: 0, onMessage() {}, onTimer() {} });

const ring = new KeyRing('symbolic', 1);
const DEVICE = 0;
const DEVICE_KEY = ring.issue(1000);

/**
 * Device firmware: each timer it signs one reading and sends it to the gateway; with `intervalUs`
 * it samples on its own every `intervalUs` from one interval after start, without it only when made to.
 */
class Firmware implements Actor<unknown> {
  private seq = 0;
  constructor(private readonly ctx: ActorContext<unknown>, private readonly key: SigningKey, private readonly intervalUs?: number) {}
  onStart(): void {
    if (this.intervalUs !== undefined) this.ctx.setTimer(this.intervalUs, 0);
  }
  onMessage(): void {}
  onTimer(): void {
    const now = this.ctx.nowUs;
    const seq = this.seq++;
    const sig = this.key.sign(ring.digest(readingTerm(DEVICE, seq, now, 97, 20)));
    const msg: ReadingMessage = { kind: 'reading', device: DEVICE, seq, timestampUs: now, value: 97, payloadBytes: 20, keyId: this.key.signer, sig, trueUs: now };
    this.ctx.send(GATEWAY, msg, 60);
    if (this.intervalUs !== undefined) this.ctx.setTimer(this.intervalUs, 0);
  }
}

/** Device 0's firmware (sampling every second from 1 s when `sampling`) behind a proxy with `behaviour`. */
function proxiedDevice(env: DeviceAttackEnv, behaviour: DeviceBehaviour | undefined, sampling: boolean): { ctx: ScriptedContext; proxy: DeviceProxy } {
  expect(behaviour).toBeDefined();
  const ctx = new ScriptedContext(DEVICE_HOST);
  const proxy = new DeviceProxy(ctx, (c) => new Firmware(c, DEVICE_KEY, sampling ? S : undefined), [behaviour!], env.labels);
  return { ctx, proxy };
}

describe('sybil', () => {
  it('sends rate × window forged readings in a closed window, round robin over the identities, and each arrives once: 10/s × [1 s, 3 s) = 20', () => {
    const env = newEnv();
    const spec = attackSpecSchema(sybil).parse({ type: 'sybil', start: '1s', end: '3s', gateway: 0, identities: 3, rate: 10 });
    const run = sybil.device!.plan([{ spec, index: 0 }], env);
    const identities = [100, 101, 102];
    const ctx = new ScriptedContext(DEVICE_HOST);
    const attacker = new SybilAttacker(ctx, { start: spec.start, end: spec.end, gateway: GATEWAY, identities, keys: identities.map((id) => ring.issue((1 << 28) + id)), verifier: ring, ratePerSec: spec.rate, labels: env.labels });
    const tap = new GatewayTap(new ScriptedContext(GATEWAY), refusingGateway, [], env.labels, () => undefined);
    const claimed: number[] = [];
    runUntil(ctx, attacker, 10 * S, () => {
      for (const s of ctx.sent) claimed.push((s.msg as ReadingMessage).device);
      forward(ctx, tap);
    });
    const m = run.outcomes!();
    // One reading every 100 ms from 1.0 s to 2.9 s.
    expect(value(m, 'iomt.forged_sent')).toBe(20);
    expect(value(m, 'iomt.forged_arrived')).toBe(20);
    expect(value(m, 'iomt.forged_accepted')).toBe(0);
    expect(value(m, 'iomt.forged_stored')).toBe(0);
    expect([100, 101, 102].map((d) => claimed.filter((c) => c === d).length)).toEqual([7, 7, 6]);
  });
});

describe('stolen-key', () => {
  it("sends rate × window spoofed readings in the device's name in a closed window, each arriving once: 5/s × [2 s, 4 s) = 10", () => {
    const env = newEnv();
    const spec = attackSpecSchema(stolenKey).parse({ type: 'stolen-key', start: '2s', end: '4s', device: DEVICE, rate: 5, respond: false });
    const run = stolenKey.device!.plan([{ spec, index: 0 }], env);
    const ctx = new ScriptedContext(DEVICE_HOST + 1);
    const spoofer = new StolenKeySpoofer(ctx, { start: spec.start, end: spec.end, gateway: GATEWAY, device: DEVICE, key: DEVICE_KEY, verifier: ring, ratePerSec: spec.rate, value: spec.value, payloadBytes: 20, labels: env.labels });
    const tap = new GatewayTap(new ScriptedContext(GATEWAY), acceptingGateway, [], env.labels, () => undefined);
    runUntil(ctx, spoofer, 10 * S, () => forward(ctx, tap));
    const m = run.outcomes!();
    // One reading every 200 ms from 2.0 s to 3.8 s.
    expect(value(m, 'iomt.spoofed_sent')).toBe(10);
    expect(value(m, 'iomt.spoofed_arrived')).toBe(10);
    expect(value(m, 'iomt.spoofed_accepted')).toBe(10);
    // No security service without `respond`: none revoked, said as 0 so an expectation can judge it.
    expect(value(m, 'attack.stolen_key_devices_revoked')).toBe(0);
    expect(value(m, 'attack.honest_devices_revoked')).toBe(0);
    expect(m['attack.time_to_revoke_ms']).toBeUndefined();
  });
});

describe('tamper', () => {
  it('sends in place of the original every reading the device sends in the window, each counted tampered once: one a second over [3 s, 8 s) = 5', () => {
    const env = newEnv();
    const spec = attackSpecSchema(tamper).parse({ type: 'tamper', start: '3s', end: '8s', devices: [DEVICE] });
    const run = tamper.device!.plan([{ spec, index: 0 }], env);
    const { ctx, proxy } = proxiedDevice(env, run.deviceBehaviour!(DEVICE), true);
    const tap = new GatewayTap(new ScriptedContext(GATEWAY), acceptingGateway, [], env.labels, () => undefined);
    let sent = 0;
    runUntil(ctx, proxy, 9.5 * S, () => {
      sent += ctx.sent.length;
      forward(ctx, tap);
    });
    const m = run.outcomes!();
    // Readings at 1 s … 9 s, one each: those at 3, 4, 5, 6 and 7 s go out altered, and nothing more goes out.
    expect(sent).toBe(9);
    expect(value(m, 'iomt.tampered_sent')).toBe(5);
    expect(value(m, 'iomt.tampered_arrived')).toBe(5);
  });
});

describe('replay', () => {
  it('counts a replayed copy as sent when it goes out after its delay, never while it waits: copies of [3 s, 8 s) sent 2 s later, run to 8.5 s = 4', () => {
    const env = newEnv();
    const spec = attackSpecSchema(replay).parse({ type: 'replay', start: '3s', end: '8s', devices: [DEVICE], delay: '2s' });
    const run = replay.device!.plan([{ spec, index: 0 }], env);
    const { ctx, proxy } = proxiedDevice(env, run.deviceBehaviour!(DEVICE), true);
    const tap = new GatewayTap(new ScriptedContext(GATEWAY), refusingGateway, [], env.labels, () => undefined);
    runUntil(ctx, proxy, 8.5 * S, () => forward(ctx, tap));
    const m = run.outcomes!();
    // Captured at 3, 4, 5, 6 and 7 s; replayed at 5, 6, 7 and 8 s; the copy due at 9 s is still waiting.
    expect(value(m, 'iomt.replayed_sent')).toBe(4);
    expect(value(m, 'iomt.replayed_arrived')).toBe(4);
    expect(value(m, 'iomt.replayed_accepted')).toBe(0);
  });
});

describe('flood', () => {
  it("accepts as many flood readings as the device's token bucket holds: burst 3 + 1 token/s over the 9.5 s from first to last = 12 of 20, stored once their batch is", () => {
    const env = newEnv();
    const spec = attackSpecSchema(flood).parse({ type: 'flood', start: '10s', end: '20s', devices: [DEVICE], rate: 2 });
    const run = flood.device!.plan([{ spec, index: 0 }], env);
    // The firmware samples only when the bot makes it: every reading it sends is a flood reading.
    const { ctx, proxy } = proxiedDevice(env, run.deviceBehaviour!(DEVICE), false);
    const gatewayCtx = new ScriptedContext(GATEWAY);
    const gateway = (c: ActorContext<unknown>): Gateway => new Gateway(c, {
      devices: [{ device: DEVICE, name: 'dev_0', keyId: DEVICE_KEY.signer, patient: 0, profile: DEFAULT_PROFILES.pulseOximeter }],
      patientPseudonyms: ['pt_0123456789abcdef'],
      // The pulse oximeter's nominal rate is 1/s: the bucket refills at 1 token/s and holds 3.
      admission: { freshnessUs: 30 * S, rateLimitFactor: 1, rateLimitBurst: 3 },
      node: { host: 1, macUs: 0, retryUs: 4 * S },
      verifier: ring,
      crypto: ZERO_CRYPTO_COSTS,
      rules: DEFAULT_ALERT_RULES,
      detectors: [],
      rateWindowUs: 10 * S,
      batchIntervalUs: 5 * S,
      batchMaxReadings: 4,
      store: STORE,
      careTeam: 2,
      ledger: { replicaHosts: [0], repliesNeeded: 1, replyVerifyUs: 0, retransmitUs: 4 * S, authenticateUs: 0 },
      recordAlertsOnChain: false,
      randomPhase: false,
    });
    const tap = new GatewayTap(gatewayCtx, gateway, [], env.labels, () => undefined);
    runUntil(ctx, proxy, 30 * S, () => forward(ctx, tap));
    // Readings every 500 ms from 10.0 s to 19.5 s, each bringing half a token: accepted at 10.0,
    // 10.5, 11.0, 11.5 and 12.0 s (the burst spent), then every whole second from 13 to 19 s.
    const m = run.outcomes!();
    expect(value(m, 'attack.flood_sent')).toBe(20);
    expect(value(m, 'attack.flood_arrived')).toBe(20);
    expect(value(m, 'attack.flood_accepted')).toBe(12);
    // Sealed four at a time; the store keeps the first two batches and refuses the third.
    expect(gatewayCtx.take('put').map((s) => (s.msg as PutBatch).count)).toEqual([4, 4, 4]);
    tap.onMessage(STORE, { kind: 'put-ack', batch: 0, stored: true });
    tap.onMessage(STORE, { kind: 'put-ack', batch: 1, stored: true });
    tap.onMessage(STORE, { kind: 'put-ack', batch: 2, stored: false });
    expect(value(run.outcomes!(), 'attack.flood_stored')).toBe(8);
  });
});

describe('insider', () => {
  it('issues rate × window extra requests in a closed window when every gap is the mean gap: 720/h over [60 s, 180 s) = 24', () => {
    const env = newEnv();
    const spec = attackSpecSchema(insider).parse({ type: 'insider', start: '60s', end: '180s', clinicians: [0], rate: 720 });
    const run = insider.device!.plan([{ spec, index: 0 }], env);
    const ctx = new ScriptedContext(DEVICE_HOST + 2);
    // An attack stream whose every exponential draw is its mean: -mean · ln(1 − u) with 1 − u = 1/e.
    const meanGaps = { float: () => 1 - Math.exp(-1) } as unknown as Rng;
    Object.defineProperty(ctx, 'rng', { value: { stream: () => meanGaps } });
    // A client issuing one request a minute of its own from 30 s (30, 90, 150, 210, 270 s).
    let requests = 0;
    const client = (c: ActorContext<unknown>): Actor<unknown> => ({
      onStart() { c.setTimer(30 * S, 0); },
      onMessage() {},
      onTimer() {
        requests++;
        c.setTimer(60 * S, 0);
      },
    });
    const proxy = run.wrapClinician!(0, client)!(ctx);
    runUntil(ctx, proxy, 300 * S);
    // Every 5 s (3600 s / 720) from 60 s to 175 s.
    expect(value(run.outcomes!(), 'attack.insider_extra_requests')).toBe(24);
    expect(requests).toBe(24 + 5);
  });
});
