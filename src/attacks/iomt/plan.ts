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
import { StolenKeySpoofer } from './stolen-key.ts';
import { SecurityService } from './security-service.ts';
import { ClientProxy } from './client-proxy.ts';
import { AccessMonitor } from './access-monitor.ts';
import { ConsentMisuser, type MisuseRequest } from './consent-misuser.ts';
import { pseudonym } from '../../iomt/world.ts';
import type { ReadingMessage } from '../../iomt/reading.ts';

export const DEVICE_ATTACK_TYPES = new Set(['sybil', 'tamper', 'replay', 'flood', 'compromised-gateway', 'record-tamper', 'ransomware', 'consent-bypass', 'stolen-key', 'consent-misuse', 'insider']);
/** Length of the access monitor's counting window, and how many windows set a requester's baseline. */
const ACCESS_WINDOW_US = 60_000_000;
const ACCESS_WARMUP_WINDOWS = 5;
const SPOOFED = MALICIOUS_CLASSES.indexOf('spoofed');
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
  private readonly allGatewayModes: GatewayModes[] = [];
  private readonly clinicianModes = new Map<number, { start: number; end?: number | undefined; ratePerHour: number }[]>();
  private clinicianOrdinal = 0;
  private readonly insiderProxies: ClientProxy[] = [];
  private security: SecurityService | undefined;
  private spoofAccepted = [0, 0];
  private spoofRejectedAfterRevocation = 0;
  /** detector → requester pseudonym → first alarm time (insider monitoring). */
  private readonly requesterAlarms = new Map<string, Map<string, number>>();
  private clinicianPseudonyms: string[] = [];
  private readonly misusers: ConsentMisuser[] = [];
  readonly hooks: IomtWorldHooks;

  constructor(readonly specs: readonly AttackSpec[]) {
    for (const s of specs) {
      switch (s.type) {
        case 'tamper': for (const d of s.devices) this.device(d).tamper.push({ start: s.start, end: s.end, probability: s.probability }); break;
        case 'replay': for (const d of s.devices) this.device(d).replay.push({ start: s.start, end: s.end, delayUs: s.delay }); break;
        case 'flood': for (const d of s.devices) this.device(d).flood.push({ start: s.start, end: s.end, ratePerSec: s.rate }); break;
        case 'compromised-gateway': this.gateway(s.gateway).compromised.push({ start: s.start, end: s.end, drop: s.drop, delayUs: s.delay }); break;
        case 'insider': for (const c of s.clinicians) this.clinician(c).push({ start: s.start, end: s.end, ratePerHour: s.rate }); break;
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
      if ((s.type === 'stolen-key' || s.type === 'consent-misuse') && s.device >= deviceCount) issues.push({ source: 'scenario', path: `attacks.${k}.device`, expected: `a device number in 0..${deviceCount - 1}`, found: String(s.device) });
      if (s.type === 'insider') s.clinicians.forEach((c, j) => { if (c >= topo.clinicians.length) issues.push({ source: 'scenario', path: `attacks.${k}.clinicians.${j}`, expected: `a clinician number in 0..${topo.clinicians.length - 1}`, found: String(c) }); });
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
    this.installStolenKey(world);
    this.installConsentMisuse(world);
    this.installInsider(world);
    this.scorer = new DetectionScorer(engine, this.truth, deviceCount);
  }

  /**
   * Spoofing with a stolen key: an attacker host per attack sends in the device's name; with
   * `respond`, gateways forward their device alarms to a security service that revokes on chain.
   */
  private installStolenKey(world: IomtWorld): void {
    const specs = this.specs.filter((s) => s.type === 'stolen-key');
    if (specs.length === 0) return;
    const topo = world.topology;
    const engine = world.engine;
    const c = world.config;
    for (const s of specs) {
      const d = topo.devices[s.device]!;
      this.truth.label('device', s.device, 'stolen-key', 'compromised-device', s.start, s.end ?? Infinity);
      const link = { region: 0, uploadBitsPerSec: c.links.deviceUploadBps, downloadBitsPerSec: c.links.deviceUploadBps };
      const opts = { start: s.start, end: s.end, gateway: d.gateway, device: s.device, key: world.deviceKeys[s.device]!, verifier: world.keyRing, ratePerSec: s.rate, value: s.value, payloadBytes: c.profiles[d.kind].payloadBytes, labels: this.labels };
      engine.addHost(link, (ctx: ActorContext<unknown>) => new StolenKeySpoofer(ctx, opts), `attacker:stolen-key:${s.device}`);
    }
    if (!specs.some((s) => s.respond)) return;
    const hosp = topo.hospitals[0]!;
    const replicaHosts = topo.nodes.map((n) => n.host);
    const ledger = { replicaHosts, repliesNeeded: c.protocol.faultModel.repliesNeeded(replicaHosts.length), retransmitUs: c.retransmitUs };
    const link = { region: hosp.region, uploadBitsPerSec: c.links.siteBandwidthBps, downloadBitsPerSec: c.links.siteBandwidthBps };
    const sink = engine.addHost(link, (ctx: ActorContext<unknown>) => {
      this.security = new SecurityService(ctx, { ledger, nodeHeight: () => world.apps[hosp.node]!.executedHeight, deviceNames: world.deviceNames });
      return this.security;
    }, 'security-service');
    for (const m of this.allGatewayModes) m.alarmSink = sink;
    // Spoofed readings the gateways processed, before and after the revocation of their device was
    // confirmed committed at the security service's node (the gateways' node in a one-hospital world).
    this.labels.onProcessed = (cls, msg, nowUs, accepted) => {
      if (cls !== SPOOFED) return;
      const revokedUs = this.security?.revokedUs.get((msg as ReadingMessage).device);
      const after = revokedUs !== undefined && nowUs >= revokedUs;
      if (accepted) this.spoofAccepted[after ? 1 : 0]! += 1;
      else if (after) this.spoofRejectedAfterRevocation++;
    };
  }

  /** Consent misuse: a former grantee per attack, at the hospital of the device's patient. */
  private installConsentMisuse(world: IomtWorld): void {
    const topo = world.topology;
    const c = world.config;
    const replicaHosts = topo.nodes.map((n) => n.host);
    const ledger = { replicaHosts, repliesNeeded: c.protocol.faultModel.repliesNeeded(replicaHosts.length), retransmitUs: c.retransmitUs };
    this.specs.forEach((s, k) => {
      if (s.type !== 'consent-misuse') return;
      const d = topo.devices[s.device]!;
      const hosp = topo.hospitals[d.hospital]!;
      const requester = `cl_misuse_${k}`;
      this.truth.label('access', requester, 'consent-misuse', `former-grantee:${s.mode}`, s.start, s.end ?? Infinity);
      const opts = {
        start: s.start, end: s.end, mode: s.mode, validForUs: s.validFor, ratePerSec: s.rate, ledger, node: () => world.apps[hosp.node]!,
        store: hosp.store, device: s.device, patient: world.patientPseudonyms[d.patient]!, requester, consent: `con_misuse_${k}`, farEndUs: c.durationUs + 3_600_000_000,
      };
      const link = { region: hosp.region, uploadBitsPerSec: c.links.siteBandwidthBps, downloadBitsPerSec: c.links.siteBandwidthBps };
      world.engine.addHost(link, (ctx: ActorContext<unknown>) => {
        const a = new ConsentMisuser(ctx, opts);
        this.misusers.push(a);
        return a;
      }, `attacker:consent-misuse:${k}`);
    });
  }

  /**
   * Consent misuse judged against the consent's end: a request submitted after the period ended
   * (expired), or committed in a block after the revocation's (revoked), had to be denied; one
   * permitted in or before the revocation's block but decided after the revocation was submitted
   * is stale (issue 4).
   */
  private consentMisuseMetrics(m: Metrics): void {
    let requests = 0, afterEnd = 0, deniedAfterEnd = 0, permittedAfterEnd = 0, unauthorizedReads = 0, stale = 0, validReads = 0;
    for (const a of this.misusers) {
      const mustDeny = (r: MisuseRequest) => r.height >= 0 && (r.submittedUs >= a.periodEndUs || r.height > a.revokeHeight);
      for (const r of a.requests) {
        if (r.height < 0) continue;
        requests++;
        const permitted = r.decision === 'permit';
        if (mustDeny(r)) {
          afterEnd++;
          if (permitted) permittedAfterEnd++;
          else deniedAfterEnd++;
          if (r.read) unauthorizedReads++;
        } else {
          if (permitted && r.decidedUs >= a.revokeSubmittedUs) stale++;
          if (r.read) validReads++;
        }
      }
    }
    const p = 'attack.consent_misuse';
    m[`${p}.requests`] = { unit: 'requests', value: requests };
    m[`${p}.requests_after_end`] = { unit: 'requests', value: afterEnd };
    m[`${p}.denied_after_end`] = { unit: 'requests', value: deniedAfterEnd };
    m[`${p}.permitted_after_end`] = { unit: 'requests', value: permittedAfterEnd };
    m[`${p}.unauthorized_reads`] = { unit: 'records', value: unauthorizedReads };
    m[`${p}.stale_permits`] = { unit: 'requests', value: stale };
    m[`${p}.valid_reads`] = { unit: 'records', value: validReads };
  }

  /** Insider misuse: the chosen clinicians are labelled; an access monitor watches every clinician. */
  private installInsider(world: IomtWorld): void {
    const specs = this.specs.filter((s) => s.type === 'insider');
    if (specs.length === 0) return;
    const topo = world.topology;
    const c = world.config;
    this.clinicianPseudonyms = topo.clinicians.map((cl) => pseudonym('cl', c.seed, cl.host));
    for (const s of specs) for (const i of s.clinicians) this.truth.label('access', this.clinicianPseudonyms[i]!, 'insider', 'insider', s.start, s.end ?? Infinity);
    const hosp = topo.hospitals[0]!;
    const link = { region: hosp.region, uploadBitsPerSec: c.links.siteBandwidthBps, downloadBitsPerSec: c.links.siteBandwidthBps };
    const opts = { windowUs: ACCESS_WINDOW_US, warmupWindows: ACCESS_WARMUP_WINDOWS, requesters: this.clinicianPseudonyms, audit: () => world.apps[hosp.node]!.audit };
    world.engine.addHost(link, (ctx: ActorContext<unknown>) => new AccessMonitor(ctx, opts), 'access-monitor');
    world.engine.observe((_h, e) => {
      if (e.kind !== 'alarm') return;
      const a = e as { detector?: unknown; subject?: unknown; timeUs?: unknown };
      if (typeof a.subject !== 'string' || !a.subject.startsWith('requester:') || typeof a.detector !== 'string') return;
      let m = this.requesterAlarms.get(a.detector);
      if (m === undefined) this.requesterAlarms.set(a.detector, (m = new Map()));
      const who = a.subject.slice(10);
      const prior = m.get(who);
      const t = world.engine.nowUs;
      // First alarm inside the requester's insider window if it has one, else its first alarm.
      if (prior === undefined || (!this.truth.isLabelledAt('access', who, prior) && this.truth.isLabelledAt('access', who, t))) m.set(who, t);
    });
  }

  /** Insider detectors scored against the insider labels: every other clinician is a negative. */
  private insiderMetrics(m: Metrics): void {
    const positives = this.truth.all('access', 'insider');
    const positiveIds = new Set(positives.map((l) => l.id as string));
    const negatives = this.clinicianPseudonyms.length - positiveIds.size;
    m['attack.insider_extra_requests'] = { unit: 'requests', value: this.insiderProxies.reduce((x, p) => x + p.extraRequests, 0) };
    for (const [detector, alarms] of [...this.requesterAlarms.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      let detected = 0, ttdSum = 0, falsePositives = 0;
      for (const l of positives) {
        const t = alarms.get(l.id as string);
        if (t !== undefined && t >= l.fromUs && t < l.toUs) {
          detected++;
          ttdSum += t - l.fromUs;
        }
      }
      for (const who of alarms.keys()) if (!positiveIds.has(who)) falsePositives++;
      const name = `detect.${detector.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`;
      m[`${name}.detection_rate`] = { unit: 'ratio', value: detected / positives.length };
      m[`${name}.false_positive_rate`] = { unit: 'ratio', value: negatives > 0 ? falsePositives / negatives : 0 };
      if (detected > 0) m[`${name}.time_to_detect_ms`] = { unit: 'ms', value: ttdSum / detected / 1000 };
    }
  }

  private stolenKeyMetrics(m: Metrics): void {
    m['attack.spoofed_accepted_before_revocation'] = { unit: 'readings', value: this.spoofAccepted[0]! };
    m['attack.spoofed_accepted_after_revocation'] = { unit: 'readings', value: this.spoofAccepted[1]! };
    m['attack.spoofed_rejected_after_revocation'] = { unit: 'readings', value: this.spoofRejectedAfterRevocation };
    const sec = this.security;
    if (sec === undefined) return;
    const victims = new Set(this.truth.all('device', 'compromised-device').filter((l) => l.attack === 'stolen-key').map((l) => l.id as number));
    let revokedVictims = 0, revokeSum = 0, revokedHonest = 0;
    for (const [device, t] of sec.revokedUs) {
      if (!victims.has(device)) {
        revokedHonest++;
        continue;
      }
      revokedVictims++;
      revokeSum += t - sec.alarmUs.get(device)!;
    }
    m['attack.stolen_key_devices_revoked'] = { unit: 'devices', value: revokedVictims };
    m['attack.honest_devices_revoked'] = { unit: 'devices', value: revokedHonest };
    if (revokedVictims > 0) m['attack.time_to_revoke_ms'] = { unit: 'ms', value: revokeSum / revokedVictims / 1000 };
  }

  outcomes(): Metrics {
    const m: Metrics = {};
    const present = new Set(this.specs.map((s) => s.type));
    const classOfType: Record<string, string> = { sybil: 'forged', tamper: 'tampered', replay: 'replayed', flood: 'flood', 'stolen-key': 'spoofed' };
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
    if (present.has('stolen-key')) this.stolenKeyMetrics(m);
    if (present.has('insider')) this.insiderMetrics(m);
    if (present.has('consent-misuse')) this.consentMisuseMetrics(m);
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

  private wrap(role: 'device' | 'gateway' | 'clinician', id: number, factory: ActorFactory<unknown>): ActorFactory<unknown> {
    if (role === 'clinician') {
      const windows = this.clinicianModes.get(this.clinicianOrdinal++);
      return windows === undefined ? factory : (ctx) => {
        const p = new ClientProxy(ctx, factory, windows);
        this.insiderProxies.push(p);
        return p;
      };
    }
    if (role === 'device') {
      const modes = this.deviceModes.get(id);
      return modes === undefined ? factory : (ctx) => new DeviceProxy(ctx, factory, modes, this.labels);
    }
    // Every gateway gets a tap (to measure what its admission accepts); id is its host.
    const modes = this.gatewayModes.get(this.gatewayOrdinal++) ?? { compromised: [] };
    this.allGatewayModes.push(modes);
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

  private clinician(c: number): { start: number; end?: number | undefined; ratePerHour: number }[] {
    let m = this.clinicianModes.get(c);
    if (m === undefined) this.clinicianModes.set(c, (m = []));
    return m;
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
