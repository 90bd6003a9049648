/**
 * Audit bypass: an insider at a hospital's record store (store-insider.ts) serves records to a
 * colluding requester (direct-reader.ts) without the access passing through the ledger: no
 * AccessControl request, so no audit entry. The audit-completeness measure, which knows nothing of
 * the attack (src/iomt/served-reads.ts), is scored against the insider's ground truth: every
 * bypassed read must be counted unaudited, and no read the insider did not serve.
 */
import { z } from 'zod';
import type { ActorContext } from '../../../sim/index.ts';
import type { ServedReads } from '../../iomt/served-reads.ts';
import type { Metrics } from '../../metrics/types.ts';
import { defineAttack } from '../definition.ts';
import type { GroundTruth } from '../ground-truth.ts';
import { param, zOrdinal } from '../params.ts';
import { DirectStoreReader } from './direct-reader.ts';
import { siteLink } from './layout.ts';
import { StoreInsider } from './store-insider.ts';

export const auditBypass = defineAttack({
  type: 'audit-bypass',
  title: 'Audit bypass by an insider at a record store',
  category: 'device',
  // The store's insider labels what it served and the accomplice counts what it got, at the hospital.
  splitsOverThreads: () => true,
  targets: "a hospital's record store",
  model: "proxy around the hospital's record store serves an accomplice's reads (no AccessControl request) without any permit, so no audit entry exists; the served-record audit measure is scored against the records the insider let out (ground truth)",
  windowMeanings: { start: 'When the insider starts serving the accomplice (and the accomplice starts asking).', end: 'When both stop (default: the end of the run).' },
  paramsSchema: z.object({
    hospital: param(zOrdinal, 'Hospital whose record store has the insider (0 is the first).', 'hospital number'),
    rate: param(z.number().positive().default(1), "Reads per second the accomplice asks for, each a random device of the hospital's latest record.", 'reads/s'),
  }),
  outcomes: ['attack.audit_bypass.unaudited_reads', 'attack.audit_bypass.caught_reads', 'attack.audit_bypass.detection_rate', 'attack.audit_bypass.false_unaudited_reads', 'iomt.audit_completeness_ratio'],
  device: {
    checkWorldTargets: (spec, sizes, issues) => issues.index('hospital', spec.hospital, sizes.hospitals, 'a hospital number'),
    plan: (specs, env) => {
      const accomplices: DirectStoreReader[] = [];
      let served: ServedReads | undefined;
      const accompliceOf = (index: number) => `cl_accomplice_${index}`;
      return {
        wrapStore(hospital, factory) {
          const windows = specs.filter(({ spec }) => spec.hospital === hospital).map(({ spec, index }) => ({ start: spec.start, end: spec.end, accomplice: accompliceOf(index) }));
          if (windows.length === 0) return undefined;
          return (ctx) => new StoreInsider(ctx, factory, windows, env.truth);
        },
        installEach({ spec, index }, world) {
          const hosp = world.topology.hospitals[spec.hospital]!;
          const devices = world.topology.devices.filter((d) => d.hospital === spec.hospital).map((d) => d.index);
          const opts = { start: spec.start, end: spec.end, store: hosp.store, devices, ratePerSec: spec.rate, requester: accompliceOf(index) };
          world.engine.addHost(siteLink(world, hosp.region), (ctx: ActorContext<unknown>) => {
            const a = new DirectStoreReader(ctx, opts);
            accomplices.push(a);
            return a;
          }, `attacker:audit-bypass:${index}`);
          env.truth.label('access', accompliceOf(index), 'audit-bypass', 'accomplice', spec.start, spec.end ?? Infinity);
          // Scoring only, after the run: the verdicts of the world's served-record measure.
          served = world.collector.served;
        },
        hostTotals: () => bypassedReads(env.truth, accomplices),
        outcomes: (partitions) => bypassScore([bypassedReads(env.truth, accomplices), ...((partitions ?? []) as BypassedReads[])], served),
      };
    },
  },
});

/** The records the store insiders this engine ran served without a permit (ground truth), and what their accomplices received. */
interface BypassedReads {
  readonly records: readonly string[];
  readonly received: number;
}

function bypassedReads(truth: GroundTruth, accomplices: readonly DirectStoreReader[]): BypassedReads {
  return { records: truth.all('record', 'bypassed-read').map((l) => l.id as string), received: accomplices.reduce((x, a) => x + a.recordsRead, 0) };
}

/** The audit measure's verdicts against the records the insiders served (ground truth), over every share of the stores. */
function bypassScore(shares: readonly BypassedReads[], served: ServedReads | undefined): Metrics {
  const bypassed = new Set(shares.flatMap((s) => s.records));
  const unaudited = served?.verdicts().unaudited ?? [];
  let caught = 0;
  for (const id of unaudited) if (bypassed.has(id)) caught++;
  const p = 'attack.audit_bypass';
  return {
    [`${p}.unaudited_reads`]: { unit: 'records', value: bypassed.size },
    [`${p}.caught_reads`]: { unit: 'records', value: caught },
    [`${p}.detection_rate`]: { unit: 'ratio', value: bypassed.size === 0 ? NaN : caught / bypassed.size },
    [`${p}.false_unaudited_reads`]: { unit: 'records', value: unaudited.length - caught },
    [`${p}.records_received`]: { unit: 'records', value: shares.reduce((x, s) => x + s.received, 0) },
  };
}
