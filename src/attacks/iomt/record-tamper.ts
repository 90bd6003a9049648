/**
 * Off-chain record tampering (an insider or intruder with write access to the record store): the
 * latest record of each target device is altered in place, in every store, every `interval` from
 * a time of its own in the first `interval` after `start`. Readers check records against the
 * anchored Merkle root, so each altered record read must show up as an invalid integrity check.
 * A record is altered, counted and labelled once: a tick that finds a device's latest record
 * already altered leaves it (the ground truth is which records were altered, so it grows with the
 * records written, not with the ticks).
 *
 * An altered record is exposed only if a reader reads it before its device's next record replaces
 * it, so the outcomes follow each one to its reader (src/iomt/altered-reads.ts): how many altered
 * records were served, and of those how many failed their reader's Merkle check (caught) or passed
 * it (missed). Without them, invalid checks at 0 could not tell "never read" from "read and missed".
 * Which records served were altered is the ground truth the attack records as it acts, the bytes
 * each alteration left (src/iomt/altered-records.ts), by which the store hosts' taps judge what
 * leaves them, whatever a store's code says of it.
 *
 * Why each device has its own phase, drawn uniformly within the interval: gateways store their
 * batches periodically (gateway.batchInterval), so an attacker acting at `start` and every interval
 * after acts at one fixed point of the batch cycle whenever the interval is a multiple of it (the
 * defaults, 10 s against 5 s batches). At `start` 0 that point is just before each batch lands: every
 * altered record was replaced within milliseconds, unread, and the run measured the schedule's
 * phase, not the store's integrity. A phase drawn uniformly within the interval for each device
 * spreads the alterations evenly over the batch cycle, so the share of reads that find an altered
 * record is, in expectation, the share of time records stand altered, whatever the two periods
 * (why systematic sampling draws its start at random: Cochran, Sampling Techniques, 3rd ed., §8.1).
 */
import { z } from 'zod';
import type { AlteredReads } from '../../iomt/altered-reads.ts';
import { zPositiveDurationUs } from '../../scenario/zod-units.ts';
import { defineAttack } from '../definition.ts';
import { deviceList, param } from '../params.ts';
import { checkDeviceTargets } from './layout.ts';
import { withPartitions } from './runtime.ts';

export const recordTamper = defineAttack({
  type: 'record-tamper',
  title: 'Off-chain record tampering',
  category: 'device',
  // Each thread alters the records of the stores it runs, on the same schedule (a control callback).
  splitsOverThreads: () => true,
  targets: 'record stores',
  model: 'the latest off-chain record of each target device is altered in place in every store, every interval on a phase of its own (drawn uniformly within the interval); readers verify records against the anchored Merkle root',
  paramsSchema: z.object({
    devices: deviceList('Devices whose latest off-chain record is altered in every store.'),
    interval: param(zPositiveDurationUs.default(10_000_000), "How often each device's latest record is altered (new records keep arriving); each device's first alteration falls at a time drawn uniformly within the first interval after start.", 'duration'),
  }),
  outcomes: ['attack.records_tampered', 'attack.tampered_records_read', 'attack.tampered_reads_caught', 'attack.tampered_reads_passed', 'iomt.integrity_checks_invalid'],
  waitsFor: 'a record of its devices in a store, to alter',
  device: {
    checkWorldTargets: checkDeviceTargets,
    plan: (_specs, env) => {
      let tampered = 0;
      // Scoring only, after the run: what the world's readers made of the altered records served.
      let reads: AlteredReads | undefined;
      return {
        installEach({ spec, index }, world) {
          const engine = world.engine;
          reads = world.collector.altered;
          const endUs = Math.min(spec.end ?? Infinity, world.config.durationUs);
          // Each device on its own phase, drawn from the attacker's own stream (the same in every
          // thread of a split run): see the header.
          const phases = engine.rng.stream(`attack:record-tamper:${index}`);
          for (const d of spec.devices) {
            const act = (): void => {
              for (const store of world.stores) {
                const altered = store.corruptLatest(d);
                if (altered !== undefined) {
                  // What the stores' taps judge the records they serve by, whatever a store says of them.
                  world.alteredRecords.add(altered);
                  tampered++;
                  env.truth.label('record', `${d}@${engine.nowUs}`, 'record-tamper', 'tampered-record', engine.nowUs);
                }
              }
              const next = engine.nowUs + spec.interval;
              if (next < endUs) engine.at(next, act);
            };
            const firstUs = spec.start + Math.floor(phases.float() * spec.interval);
            if (firstUs < endUs) engine.at(firstUs, act);
          }
        },
        hostTotals: () => tampered,
        outcomes: (partitions) => {
          const r = reads?.counts() ?? { served: 0, caught: 0, passed: 0 };
          return {
            'attack.records_tampered': { unit: 'records', value: withPartitions(tampered, partitions) },
            'attack.tampered_records_read': { unit: 'records', value: r.served },
            'attack.tampered_reads_caught': { unit: 'records', value: r.caught },
            'attack.tampered_reads_passed': { unit: 'records', value: r.passed },
          };
        },
      };
    },
  },
});
