/**
 * Device and gateway attacks of an IoMT scenario: wrappers built through the world's actor hook,
 * attacker hosts added once the world exists, and their outcomes judged against ground truth.
 *
 *   const attacks = new IomtAttackPlan(scenario.attacks);
 *   const world = new IomtWorld(config, attacks.hooks);
 *   attacks.install(world);  ...  world.run();  metrics = { ...metrics, ...attacks.outcomes() };
 */
import type { ActorContext, ActorFactory } from '../../../sim/index.ts';
import type { IomtWorld, IomtWorldHooks } from '../../iomt/world.ts';
import type { Metrics } from '../../metrics/types.ts';
import { InputError, type InputIssue } from '../../scenario/errors.ts';
import type { AttackSpec } from '../../scenario/sections/attacks.ts';
import { GroundTruth } from '../ground-truth.ts';
import { DetectionScorer } from './detection.ts';
import { DeviceProxy, type DeviceModes } from './device-proxy.ts';
import { GatewayTap, type GatewayModes } from './gateway-tap.ts';
import { MALICIOUS_CLASSES, MessageLabels } from './labels.ts';
import { DirectReadIntruder } from './intruder.ts';
import { SybilAttacker } from './sybil.ts';

export const DEVICE_ATTACK_TYPES = new Set(['sybil', 'tamper', 'replay', 'flood', 'compromised-gateway', 'record-tamper', 'ransomware', 'consent-bypass']);
/** Signer ids of Sybil keys, above the world's device keys (which start at 2^24). */
const SYBIL_SIGNER_BASE = 1 << 28;
/** A batch unacknowledged this long before the end of the run is counted as never stored. */
const UNSTORED_GRACE_US = 10_000_000;

export class IomtAttackPlan {
  readonly truth = new GroundTruth();
  readonly labels = new MessageLabels();
  private readonly deviceModes = new Map<number, DeviceModes>();
  private readonly gatewayModes = new Map<number, GatewayModes>();
  private readonly taps: GatewayTap[] = [];
  private gatewayOrdinal = 0;
  private scorer: DetectionScorer | undefined;
  private recordsTampered = 0;
  private readonly intruders: DirectReadIntruder[] = [];
  readonly hooks: IomtWorldHooks;

  constructor(readonly specs: readonly AttackSpec[]) {
    for (const s of specs) {
      switch (s.type) {
        case 'tamper': for (const d of s.devices) this.device(d).tamper.push({ start: s.start, end: s.end, probability: s.probability }); break;
        case 'replay': for (const d of s.devices) this.device(d).replay.push({ start: s.start, end: s.end, delayUs: s.delay }); break;
        case 'flood': for (const d of s.devices) this.device(d).flood.push({ start: s.start, end: s.end, ratePerSec: s.rate }); break;
        case 'compromised-gateway': this.gateway(s.gateway).compromised.push({ start: s.start, end: s.end, drop: s.drop, delayUs: s.delay }); break;
        default: break;
      }
    }
    this.hooks = { wrapActor: (role, id, factory) => this.wrap(role, id, factory) };
  }

  /** Whether a scenario's attacks include device or gateway attacks. */
  static appliesTo(specs: readonly AttackSpec[]): boolean {
    return specs.some((s) => DEVICE_ATTACK_TYPES.has(s.type));
  }

  /** Check targets against the built world, label ground truth, add attacker hosts. */
  install(world: IomtWorld): void {
    const topo = world.topology;
    const gatewayHosts = topo.hospitals.flatMap((h) => h.gateways);
    const deviceCount = topo.devices.length;
    const issues: InputIssue[] = [];
    this.specs.forEach((s, k) => {
      if ('devices' in s && DEVICE_ATTACK_TYPES.has(s.type)) s.devices.forEach((d, j) => { if (d >= deviceCount) issues.push({ source: 'scenario', path: `attacks.${k}.devices.${j}`, expected: `a device number in 0..${deviceCount - 1}`, found: String(d) }); });
      if ((s.type === 'ransomware' || s.type === 'consent-bypass') && s.hospital >= topo.hospitals.length) issues.push({ source: 'scenario', path: `attacks.${k}.hospital`, expected: `a hospital number in 0..${topo.hospitals.length - 1}`, found: String(s.hospital) });
      if ((s.type === 'sybil' || s.type === 'compromised-gateway') && s.gateway >= gatewayHosts.length) issues.push({ source: 'scenario', path: `attacks.${k}.gateway`, expected: `a gateway number in 0..${gatewayHosts.length - 1}`, found: String(s.gateway) });
    });
    if (issues.length > 0) throw new InputError(issues);
    const engine = world.engine;
    for (const s of this.specs) {
      const end = s.end ?? Infinity;
      if (s.type === 'flood') for (const d of s.devices) this.truth.label('device', d, 'flood', 'compromised-device', s.start, end);
      if (s.type === 'tamper' || s.type === 'replay') for (const d of s.devices) this.truth.label('device', d, s.type, 'attacked-stream', s.start, end);
      if (s.type === 'compromised-gateway') this.truth.label('host', gatewayHosts[s.gateway]!, s.type, 'compromised-gateway', s.start, end);
      if (s.type === 'record-tamper') this.scheduleRecordTamper(world, s.devices, s.start, end, s.interval);
      if (s.type === 'consent-bypass') {
        const store = topo.hospitals[s.hospital]!.store;
        const link = { region: 0, uploadBitsPerSec: world.config.links.siteBandwidthBps, downloadBitsPerSec: world.config.links.siteBandwidthBps };
        const opts = { start: s.start, end: s.end, store, deviceCount, ratePerSec: s.rate };
        const h = engine.addHost(link, (ctx: ActorContext<unknown>) => {
          const a = new DirectReadIntruder(ctx, opts);
          this.intruders.push(a);
          return a;
        }, `attacker:intruder:${this.intruders.length}`);
        this.truth.label('host', h, 'consent-bypass', 'intruder', s.start, end);
      }
      if (s.type === 'ransomware') {
        // Ransomware on the record store: it serves and stores nothing until restored at `end`.
        const host = topo.hospitals[s.hospital]!.store;
        this.truth.label('host', host, 'ransomware', 'encrypted-store', s.start, end);
        engine.at(s.start, () => engine.crash(host));
        if (s.end !== undefined) engine.at(s.end, () => engine.recover(host));
      }
      if (s.type === 'sybil') {
        const base = deviceCount + this.truth.all('identity').length;
        const identities = Array.from({ length: s.identities }, (_, i) => base + i);
        const keys = identities.map((id) => world.keyRing.issue(SYBIL_SIGNER_BASE + id));
        for (const id of identities) this.truth.label('identity', id, 'sybil', 'sybil-identity', s.start, end);
        const link = { region: 0, uploadBitsPerSec: world.config.links.deviceUploadBps, downloadBitsPerSec: world.config.links.deviceUploadBps };
        const opts = { start: s.start, end: s.end, gateway: gatewayHosts[s.gateway]!, identities, keys, verifier: world.keyRing, ratePerSec: s.rate, labels: this.labels };
        engine.addHost(link, (ctx: ActorContext<unknown>) => new SybilAttacker(ctx, opts), `attacker:sybil:${identities[0]}`);
      }
    }
    this.scorer = new DetectionScorer(engine, this.truth, deviceCount);
  }

  outcomes(): Metrics {
    const m: Metrics = {};
    const present = new Set(this.specs.map((s) => s.type));
    const classOfType: Record<string, string> = { sybil: 'forged', tamper: 'tampered', replay: 'replayed', flood: 'flood' };
    MALICIOUS_CLASSES.forEach((cls, i) => {
      if (![...present].some((t) => classOfType[t] === cls)) return;
      const name = cls === 'flood' ? 'attack.flood' : `iomt.${cls}`;
      m[`${name}_sent`] = { unit: 'readings', value: this.labels.sent[i]! };
      m[`${name}_arrived`] = { unit: 'readings', value: this.labels.arrived[i]! };
      m[`${name}_accepted`] = { unit: 'readings', value: this.labels.accepted[i]! };
    });
    if (present.has('consent-bypass')) {
      m['attack.unauthorized_requests'] = { unit: 'requests', value: this.intruders.reduce((x, a) => x + a.requests, 0) };
      m['attack.unauthorized_reads'] = { unit: 'records', value: this.intruders.reduce((x, a) => x + a.recordsRead, 0) };
      m['attack.unauthorized_reads_denied'] = { unit: 'requests', value: this.intruders.reduce((x, a) => x + a.readsDenied, 0) };
    }
    if (present.has('record-tamper')) m['attack.records_tampered'] = { unit: 'records', value: this.recordsTampered };
    if (present.has('ransomware') || present.has('compromised-gateway')) {
      // Records in batches the store never acknowledged, sent long enough before the end that an
      // acknowledgement was due: no durable copy exists, only their digest on chain.
      const endUs = this.taps[0]?.ctx.nowUs ?? 0;
      let lost = 0;
      for (const t of this.taps) for (const b of t.unstored.values()) if (endUs - b.sentUs > UNSTORED_GRACE_US) lost += b.records;
      m['attack.records_unrecoverable'] = { unit: 'records', value: lost };
    }
    if (present.has('compromised-gateway')) {
      m['attack.gateway_dropped_readings'] = { unit: 'readings', value: this.taps.reduce((s, t) => s + t.droppedReadings, 0) };
      m['attack.gateway_delayed_readings'] = { unit: 'readings', value: this.taps.reduce((s, t) => s + t.delayedReadings, 0) };
    }
    return { ...m, ...(this.scorer?.metrics() ?? {}) };
  }

  private wrap(role: 'device' | 'gateway', id: number, factory: ActorFactory<unknown>): ActorFactory<unknown> {
    if (role === 'device') {
      const modes = this.deviceModes.get(id);
      return modes === undefined ? factory : (ctx) => new DeviceProxy(ctx, factory, modes, this.labels);
    }
    // Every gateway gets a tap (to measure what its admission accepts); id is its host.
    const modes = this.gatewayModes.get(this.gatewayOrdinal++) ?? { compromised: [] };
    return (ctx) => {
      const tap = new GatewayTap(ctx, factory, modes, this.labels);
      this.taps.push(tap);
      return tap;
    };
  }

  /**
   * Off-chain record tampering (an insider or intruder with write access to the record store): the
   * latest record of each target device is altered in place, in every store, at `start` and every
   * `interval` after. Readers check records against the anchored Merkle root, so each altered
   * record read must show up as an invalid integrity check.
   */
  private scheduleRecordTamper(world: IomtWorld, devices: readonly number[], startUs: number, endUs: number, intervalUs: number): void {
    const engine = world.engine;
    const act = (): void => {
      for (const store of world.stores) {
        for (const d of devices) {
          if (store.corruptLatest(d)) {
            this.recordsTampered++;
            this.truth.label('record', `${d}@${engine.nowUs}`, 'record-tamper', 'tampered-record', engine.nowUs);
          }
        }
      }
      const next = engine.nowUs + intervalUs;
      if (next < endUs && next < world.config.durationUs) engine.at(next, act);
    };
    engine.at(startUs, act);
  }

  private device(d: number): DeviceModes {
    let m = this.deviceModes.get(d);
    if (m === undefined) this.deviceModes.set(d, (m = { tamper: [], replay: [], flood: [] }));
    return m;
  }

  private gateway(g: number): GatewayModes {
    let m = this.gatewayModes.get(g);
    if (m === undefined) this.gatewayModes.set(g, (m = { compromised: [] }));
    return m;
  }
}
