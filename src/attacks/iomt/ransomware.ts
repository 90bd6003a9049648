/**
 * Ransomware on a hospital's record store: the store host is down (encrypted) for the window, so
 * reads go unanswered and gateways cannot make batches durable until it is restored at `end`.
 */
import { z } from 'zod';
import { defineAttack } from '../definition.ts';
import { param, zOrdinal } from '../params.ts';
import { unrecoverableRecords, withPartitions } from './runtime.ts';

export const ransomware = defineAttack({
  type: 'ransomware',
  title: 'Ransomware on the record store',
  category: 'device',
  // The store's outage is a control callback every thread runs; the unstored batches are counted at
  // the gateways, which a split keeps with their hospital.
  splitsOverThreads: () => true,
  targets: "a hospital's record store",
  model: 'the store host is down (encrypted) for the window: reads go unanswered and gateways cannot make batches durable until it is restored',
  paramsSchema: z.object({
    hospital: param(zOrdinal, 'Hospital whose off-chain record store is encrypted, i.e. unavailable, in the window (0 is the first).', 'hospital number'),
  }),
  // What the window costs: records lost with the store, and reads it never answered (served fewer
  // than permitted, and given up by their readers; not_found and anchoring stay at their baseline,
  // as its host is down, not its data).
  outcomes: ['attack.records_unrecoverable', 'iomt.records_served', 'iomt.integrity_checks_unanswered'],
  device: {
    checkWorldTargets: (spec, sizes, issues) => issues.index('hospital', spec.hospital, sizes.hospitals, 'a hospital number'),
    plan: (_specs, env) => ({
      installEach({ spec }, world) {
        const engine = world.engine;
        const host = world.topology.hospitals[spec.hospital]!.store;
        env.truth.label('host', host, 'ransomware', 'encrypted-store', spec.start, spec.end ?? Infinity);
        engine.at(spec.start, () => engine.crash(host));
        if (spec.end !== undefined) engine.at(spec.end, () => engine.recover(host));
      },
      hostTotals: () => unrecoverableRecords(env.taps),
      outcomes: (partitions) => ({ 'attack.records_unrecoverable': { unit: 'records', value: withPartitions(unrecoverableRecords(env.taps), partitions) } }),
    }),
  },
});
