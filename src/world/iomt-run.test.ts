import { describe, expect, it } from 'vitest';
import { ZERO_CRYPTO_COSTS } from '../ledger/crypto.ts';
import { DEFAULT_PROFILES, devicesOfEachKind } from '../iomt/profiles.ts';
import { IomtWorld } from '../iomt/world.ts';
import { smallWorldConfig } from '../iomt/testing/small-world.ts';
import type { IomtEvent } from '../iomt/events.ts';
import { pbft } from '../protocols/pbft/index.ts';
import { smallIomtScenario } from './testing/scenarios.ts';
import { metricDoc } from '../metrics/catalog.ts';
import { runIomtWorld } from './testing/run.ts';
import { iomtWorldConfig } from './iomt.ts';
import type { ActorContext } from '../../sim/index.ts';
import type { RequestMessage } from '../protocols/types.ts';
import { topologyOf } from '../iomt/topology.ts';

function scenario(extra: Record<string, unknown> = {}, attacks: unknown[] = []) {
  return smallIomtScenario(extra, { attacks } as Parameters<typeof smallIomtScenario>[1]);
}

const value = (out: ReturnType<typeof runIomtWorld>, name: string) => out.metrics[name]!.value;

describe('runIomtWorld', () => {
  it('reports every iomt metric, no PHI on chain, and passes the consensus and IoMT checks', () => {
    const out = runIomtWorld(scenario(), 1);
    expect(value(out, 'iomt.readings_anchored')).toBeGreaterThan(3_000);
    expect(value(out, 'iomt.phi_bytes_on_chain')).toBe(0);
    expect(value(out, 'iomt.access_requests')).toBeGreaterThan(20);
    expect(value(out, 'iomt.integrity_checks_valid')).toBeGreaterThan(0);
    expect(value(out, 'iomt.onchain_bytes_per_reading')).toBeGreaterThan(0);
    expect(value(out, 'iomt.contract_rejections')).toBe(0);
    expect(value(out, 'iomt.alerts_refused_onchain')).toBe(0);
    // Every requester learns its decision from its node (it waits for its node to execute the block).
    expect(value(out, 'iomt.access_permitted') + value(out, 'iomt.access_denied') + value(out, 'iomt.access_break_glass')).toBe(value(out, 'iomt.access_requests'));
    // The portal's revocation and the requesters' submissions are timed and counted from the events they emit.
    for (const name of ['iomt.durable_latency_ms.p95', 'iomt.anchor_latency_ms.p95', 'iomt.alert_latency_ms.p95', 'iomt.alert_latency_onchain_ms.p95', 'iomt.access_decision_latency_ms.p95', 'iomt.consent_revoke_enforced_latency_ms.p95', 'iomt.access_decided_ratio']) {
      expect(Number.isFinite(value(out, name)), name).toBe(true);
    }
    expect(out.checks.filter((c) => !c.passed)).toEqual([]);
    const undocumented = Object.keys(out.metrics).filter((n) => n.startsWith('iomt.') && metricDoc(n) === undefined);
    expect(undocumented).toEqual([]);
  });

  it('counts each anchored batch once, however many replicas execute it: no more readings anchored than accepted', () => {
    const out = runIomtWorld(scenario(), 2);
    expect(value(out, 'iomt.readings_anchored')).toBeGreaterThan(0);
    expect(value(out, 'iomt.readings_anchored')).toBeLessThanOrEqual(value(out, 'iomt.readings_accepted'));
  });

  it('refuses readings of revoked devices and keeps accepting rotated ones under their new keys', () => {
    const out = runIomtWorld(scenario({ identity: { actionsPerHour: 120, revokeFraction: 0.5 } }), 3);
    expect(value(out, 'iomt.readings_rejected.unregistered')).toBeGreaterThan(0);
    // A rotated device signs with its new key once the rotation commits; only readings in flight at that moment can fail.
    expect(value(out, 'iomt.readings_rejected.bad_signature')).toBeLessThan(10);
    expect(value(out, 'iomt.readings_accepted')).toBeGreaterThan(2_000);
  });

  it('runs the scenario\'s attacks on the consortium: a crashed primary is replaced and anchoring resumes', () => {
    const out = runIomtWorld(scenario({}, [{ type: 'crash', start: '60s', end: '120s', replicas: 'leader' }]), 1);
    expect(value(out, 'consensus.view_changes')).toBeGreaterThanOrEqual(1);
    expect(value(out, 'safety.violations')).toBe(0);
    expect(value(out, 'iomt.readings_anchored')).toBeGreaterThan(3_000);
    expect(out.checks.find((c) => c.name === 'state-agreement')!.passed).toBe(true);
  });

  it('gives the same trace hash and metrics for the same seed', () => {
    const a = runIomtWorld(scenario(), 7);
    const b = runIomtWorld(scenario(), 7);
    expect(a.traceHash).toBe(b.traceHash);
    expect(a.metrics).toEqual(b.metrics);
  });

  it('catches a replica whose contract state diverges (the state-agreement check fails)', () => {
    const out = runIomtWorld(scenario(), 1, {
      setup: (world) => world.engine.at(60_000_000, () => {
        // One replica's storage is edited behind consensus: its consent state no longer matches.
        const app = world.apps[world.topology.nodes[1]!.host]!;
        app.consent.grant({ consent: 'con_forged', patient: 'pt_0000000000000000', grantee: 'cl_0000000000000000', scope: 'treatment', purpose: 'TREAT', periodStartUs: 0, periodEndUs: 1, provision: 'permit' });
      }),
    });
    expect(out.checks.find((c) => c.name === 'state-agreement')!.passed).toBe(false);
  });

  it('detects records altered in the off-chain store after anchoring: their proofs fail on read', () => {
    const out = runIomtWorld(scenario(), 1, {
      setup: (world) => {
        const corruptAll = (): void => {
          for (const store of world.stores) for (const d of world.topology.devices) store.corruptLatest(d.index);
        };
        for (let t = 60_000_000; t < 300_000_000; t += 500_000) world.engine.at(t, corruptAll);
      },
    });
    expect(value(out, 'iomt.integrity_checks_invalid')).toBeGreaterThan(0);
    expect(out.checks.find((c) => c.name === 'iomt.integrity')!.passed).toBe(false);
  });
});

describe('IomtWorld', () => {
  it('audits every access a client was told about, on every replica', () => {
    const world = new IomtWorld(smallWorldConfig(pbft, { durationUs: 600_000_000 }));
    const decided: string[] = [];
    world.engine.observe((_h, e) => {
      if (e.kind === 'iomt-access-decided') decided.push((e as Extract<IomtEvent, { kind: 'iomt-access-decided' }>).request);
    });
    world.run();
    expect(decided.length).toBeGreaterThan(10);
    for (const n of world.topology.nodes) {
      const refs = new Set(world.apps[n.host]!.audit.entries.map((e) => e.ref));
      expect(decided.filter((r) => !refs.has(r))).toEqual([]);
    }
  });

  it('gives each consortium node the cores of consensus.cores', () => {
    const scenario = smallIomtScenario({}, { consensus: { protocol: 'pbft', nodes: 4, batchSize: 10, batchTimeout: '200ms', cores: 3 } } as Parameters<typeof smallIomtScenario>[1]);
    const world = new IomtWorld(iomtWorldConfig(scenario, 1));
    expect(world.topology.nodes.map((n) => world.engine.cores(n.host))).toEqual(world.topology.nodes.map(() => 3));
  });

  it("reports iomt.alerts_refused_onchain as the sum of every gateway's refused alerts", () => {
    const world = new IomtWorld(smallWorldConfig(pbft, { durationUs: 1_000_000 }));
    expect(world.gateways.length).toBeGreaterThanOrEqual(2);
    // Each gateway counts the alerts its node answered that EmergencyAlert refused (gateway.test.ts); 1 + 2 + ….
    world.gateways.forEach((g, k) => (g.alertsRefused = k + 1));
    const n = world.gateways.length;
    expect(world.finish().metrics['iomt.alerts_refused_onchain']!.value).toBe((n * (n + 1)) / 2);
  });

  it('finds PHI that a misbehaving gateway puts on chain, by inspecting the committed transactions', () => {
    const config = smallWorldConfig(pbft, { durationUs: 60_000_000 });
    const world0Gateway = topologyOf(config).hospitals[0]!.gateways[0]!;
    const world = new IomtWorld(config, {
      // A gateway that adds a raw vital sign and a patient's name to each anchoring transaction.
      wrapActor: (role, id, factory) =>
        role !== 'gateway' || id !== world0Gateway
          ? factory
          : (ctx: ActorContext<unknown>) =>
              factory({
                self: ctx.self,
                get nowUs() {
                  return ctx.nowUs;
                },
                rng: ctx.rng,
                send: (to, msg, size) => {
                  const m = msg as RequestMessage;
                  if (m.kind === 'request' && m.tx.call?.contract === 'AnchorRegistry') {
                    const call = { ...m.tx.call, args: { ...m.tx.call.args, lastSpo2: 87.5, note: 'Patient0 Family0' } };
                    ctx.send(to, { kind: 'request', tx: { ...m.tx, call } }, size);
                  } else ctx.send(to, msg, size);
                },
                setTimer: (d, t) => ctx.setTimer(d, t),
                cancelTimer: (id2) => ctx.cancelTimer(id2),
                cpu: (c) => ctx.cpu(c),
                cpuParallel: (jobs, each) => ctx.cpuParallel(jobs, each),
                emit: (e) => ctx.emit(e),
                emitFirst: (key, e) => ctx.emitFirst(key, e),
              }),
    });
    world.run();
    const { metrics, checks } = world.finish();
    expect(metrics['iomt.phi_bytes_on_chain']!.value).toBeGreaterThan(0);
    expect(checks.find((c) => c.name === 'iomt.no_phi_on_chain')!.detail).toContain('lastSpo2');
  });

  it('scores only the episodes a device of the patient can observe: without heart-rate devices every tachycardia is unobservable, not missed', () => {
    const only = (devicesPerBed: Record<string, number>) => {
      const world = new IomtWorld(smallWorldConfig(pbft, { durationUs: 1_200_000_000, devicesPerBed: { ...devicesOfEachKind(0), ...devicesPerBed }, episodes: { ratePerHour: { desaturation: 4, tachycardia: 4 }, durationMinUs: 60_000_000, durationMaxUs: 120_000_000, notBeforeUs: 30_000_000 } }));
      world.run();
      return { world, metrics: world.finish().metrics };
    };
    const { world, metrics } = only({ pulseOximeter: 1 });
    // Episodes scored: begun at least 60 s before the end (every one lasts both rules' holds).
    const scored = world.vitals.flatMap((v) => v.episodes).filter((e) => e.startUs + 60_000_000 <= 1_200_000_000);
    const of = (kind: string) => scored.filter((e) => e.kind === kind).length;
    expect(of('tachycardia')).toBeGreaterThan(0);
    expect(metrics['iomt.episodes']!.value).toBe(of('desaturation'));
    expect(metrics['iomt.episodes_unobservable']!.value).toBe(of('tachycardia'));
    expect(metrics['iomt.episodes_alerted_ratio']!.value).toBe(1);
    // The episodes themselves are the patients' own draws, whatever devices the beds carry.
    const withEcg = only({ pulseOximeter: 1, ecgPatch: 1 });
    expect(withEcg.world.vitals.map((v) => v.episodes)).toEqual(world.vitals.map((v) => v.episodes));
    expect(withEcg.metrics['iomt.episodes']!.value).toBe(scored.length);
    expect(withEcg.metrics['iomt.episodes_unobservable']!.value).toBe(0);
  });

  it('delivers fast-path alerts exactly at the analytic sum of the path delays on a fixed-delay network', () => {
    const radioUs = 7_000;
    const lanUs = 2_000;
    const profiles = {
      ...DEFAULT_PROFILES,
      ecgPatch: { ...DEFAULT_PROFILES.ecgPatch, jitterUs: 0 },
      pulseOximeter: { ...DEFAULT_PROFILES.pulseOximeter, jitterUs: 0 },
    };
    const config = smallWorldConfig(pbft, {
      durationUs: 1_800_000_000,
      cryptoCosts: ZERO_CRYPTO_COSTS,
      noiseScale: 0,
      clockDrift: false,
      randomPhase: false,
      profiles,
      devicesPerBed: { ...devicesOfEachKind(0), ecgPatch: 1, pulseOximeter: 1 },
      links: { radioUs: { kind: 'fixed', value: radioUs }, lanUs: { kind: 'fixed', value: lanUs }, wanUs: { kind: 'fixed', value: 10_000 }, deviceUploadBps: Infinity, siteBandwidthBps: Infinity, lossProbability: 0 },
    });
    const world = new IomtWorld(config);
    const delivered = new Map<string, number>();
    world.engine.observe((_h, e, t) => {
      if (e.kind !== 'iomt-alert-delivered') return;
      const a = e as Extract<IomtEvent, { kind: 'iomt-alert-delivered' }>;
      if (a.path !== 'fast') return;
      const key = `${a.patient}:${config.rules[a.rule]!.name}`;
      delivered.set(`${key}:${t}`, t);
    });
    world.run();
    let checked = 0;
    for (const v of world.vitals) {
      for (const e of v.episodes) {
        const rule = e.kind === 'desaturation' ? config.rules.find((r) => r.name === 'spo2-low')! : config.rules.find((r) => r.name === 'hr-high')!;
        const p = e.kind === 'desaturation' ? profiles.pulseOximeter : profiles.ecgPatch;
        // Readings at k·I reflect the physiology at k·I − lag; the first one inside the episode starts the hold.
        const firstUs = Math.ceil((e.startUs + p.processingLagUs) / p.intervalUs) * p.intervalUs;
        const fireUs = firstUs + Math.ceil(rule.holdUs / p.intervalUs) * p.intervalUs;
        if (fireUs - p.processingLagUs >= e.endUs || fireUs + radioUs + lanUs > config.durationUs) continue;
        const expectedUs = fireUs + radioUs + lanUs;
        expect(delivered.has(`${v.patient}:${rule.name}:${expectedUs}`), `${e.kind} of patient ${v.patient} at ${e.startUs}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3);
  });
});
