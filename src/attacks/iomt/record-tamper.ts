/**
 * Off-chain record tampering (an insider or intruder with write access to the record store): the
 * latest record of each target device is altered in place, in every store, at `start` and every
 * `interval` after. Readers check records against the anchored Merkle root, so each altered record
 * read must show up as an invalid integrity check. A record is altered, counted and labelled once:
 * a tick that finds a device's latest record already altered leaves it (the ground truth is which
 * records were altered, so it grows with the records written, not with the ticks).
 */
import { z } from 'zod';
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
  model: 'the latest off-chain record of each target device is altered in place in every store, repeatedly; readers verify records against the anchored Merkle root',
  paramsSchema: z.object({
    devices: deviceList('Devices whose latest off-chain record is altered in every store.'),
    interval: param(zPositiveDurationUs.default(10_000_000), 'How often the alteration is repeated (new records keep arriving).', 'duration'),
  }),
  outcomes: ['attack.records_tampered', 'iomt.integrity_checks_invalid'],
  waitsFor: 'a record of its devices in a store, to alter',
  device: {
    checkWorldTargets: checkDeviceTargets,
    plan: (_specs, env) => {
      let tampered = 0;
      return {
        installEach({ spec }, world) {
          const engine = world.engine;
          const endUs = spec.end ?? Infinity;
          const act = (): void => {
            for (const store of world.stores) {
              for (const d of spec.devices) {
                if (store.corruptLatest(d)) {
                  tampered++;
                  env.truth.label('record', `${d}@${engine.nowUs}`, 'record-tamper', 'tampered-record', engine.nowUs);
                }
              }
            }
            const next = engine.nowUs + spec.interval;
            if (next < endUs && next < world.config.durationUs) engine.at(next, act);
          };
          engine.at(spec.start, act);
        },
        hostTotals: () => tampered,
        outcomes: (partitions) => ({ 'attack.records_tampered': { unit: 'records', value: withPartitions(tampered, partitions) } }),
      };
    },
  },
});
