/**
 * The widest calls the loader sizes an IoMT block against (src/scenario/iomt-tx-bytes.ts) are the
 * calls the IoMT actors submit: in a run where every kind is submitted, each transaction's call has
 * a widest counterpart with the same arguments, and fits within its size. A new call kind submitted
 * without a widest counterpart, or an argument wider than the bound assumes, fails here. (A test of a
 * whole world; it sits under test/ because it checks a src/scenario rule against src/iomt's actors.)
 */
import { describe, expect, it } from 'vitest';
import type { HostId, ModelEvent } from '../sim/index.ts';
import type { Transaction } from '../src/ledger/index.ts';
import { loadScenarioText } from '../src/scenario/index.ts';
import { iomtTransactionBounds, iomtWidestCalls } from '../src/scenario/iomt-tx-bytes.ts';
import { runIomtWorld } from '../src/world/testing/run.ts';

const BUSY = `name: busy
duration: 60s
warmup: 1s
consensus: { protocol: pbft, batchTimeout: 200ms }
workload: { rateTps: 0 }
iomt:
  hospitals: 1
  wardsPerHospital: 2
  bedsPerWard: 2
  devicesPerBed: { ecgPatch: 0, pulseOximeter: 1, cgm: 0, bpCuff: 0, infusionPump: 0, wearable: 1 }
  consortium: { nodesPerHospital: 1, lab: 1, insurer: 1, regulator: 1 }
  gateway: { batchInterval: 2s }
  episodes: { desaturationPerHour: 120, tachycardiaPerHour: 120, durationMin: 20s, durationMax: 30s, notBefore: 0s }
  access: { cliniciansPerWard: 1, clinicianRatePerHour: 600, researchers: 1, researcherRatePerHour: 600, researchConsentFraction: 1, revocationsPerHour: 600 }
  identity: { actionsPerHour: 600, revokeFraction: 0.5 }
`;

const name = (tx: Transaction): string => `${tx.call!.contract}.${tx.call!.method}`;

describe('the widest IoMT calls', () => {
  it('match, argument for argument, every call a busy IoMT run submits, and bound its size', () => {
    const scenario = loadScenarioText('busy.yaml', BUSY).scenario;
    const submitted: Transaction[] = [];
    runIomtWorld(scenario, 1, { observers: [(_h: HostId, e: ModelEvent) => { if (e.kind === 'submit') submitted.push((e as unknown as { tx: Transaction }).tx); }] });
    const widest = new Map(iomtWidestCalls(scenario.iomt!).map((c) => [`${c.call.contract}.${c.call.method}`, c.call]));
    const bound = new Map(iomtTransactionBounds(scenario.iomt!).map((b) => [b.call, b.bytes]));
    // Every kind the bound lists was submitted, so each is checked against a real call.
    expect(new Set(submitted.map(name))).toEqual(new Set(widest.keys()));
    for (const tx of submitted) {
      const call = widest.get(name(tx))!;
      expect(Object.keys(tx.call!.args).sort(), name(tx)).toEqual(Object.keys(call.args).sort());
      expect(tx.sizeBytes, name(tx)).toBeLessThanOrEqual(bound.get(name(tx))!);
    }
  });
});
