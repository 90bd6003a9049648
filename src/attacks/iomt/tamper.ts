/**
 * Tampering in transit: a radio man in the middle (the device proxy) replaces readings with copies
 * whose value is moved, the signature left as it was, as an attacker without the key must. With
 * `stolenKey`, the attacker also holds the device's key (extracted with physical access, as in the
 * stolen-key attack) and re-signs each altered copy: the gateway's signature check then passes,
 * which is the limit of the framework's prevention claim (it holds only for keys not stolen).
 */
import { z } from 'zod';
import { readingTerm, type ReadingMessage } from '../../iomt/reading.ts';
import type { IomtWorld } from '../../iomt/world.ts';
import { defineAttack } from '../definition.ts';
import { deviceList, param } from '../params.ts';
import { isActive } from '../window.ts';
import { checkDeviceTargets, specsAimedAt } from './layout.ts';

/** How far a tampered value is moved: far enough to matter clinically (e.g. SpO₂ 97 → 72). */
const TAMPER_OFFSET = -25;
const TAMPERED = 'tampered';

export const tamper = defineAttack({
  type: 'tamper',
  title: 'Tampering in transit',
  category: 'device',
  // Its counts are made where devices send and gateways admit, which a split keeps in one thread.
  splitsOverThreads: () => true,
  targets: 'devices',
  model: 'device proxy (radio man in the middle) replaces readings with copies whose value is lowered by 25, the signature left unchanged (or, with stolenKey, made anew with the extracted device key)',
  paramsSchema: z.object({
    devices: deviceList('Devices whose readings are altered.'),
    probability: param(z.number().gt(0).max(1).default(1), 'Chance that each reading of a target is altered in transit.', 'number in (0, 1]'),
    stolenKey: param(z.boolean().default(false), "Re-sign each altered reading with the device's own key, extracted with physical access, so that its signature verifies.", 'boolean'),
  }),
  outcomes: ['iomt.tampered_accepted', 'iomt.tampered_stored', 'iomt.readings_rejected.bad_signature'],
  device: {
    checkWorldTargets: checkDeviceTargets,
    plan: (specs, env) => {
      // The world's device keys, which an attacker with physical access extracts (stolenKey).
      let world: IomtWorld | undefined;
      const signature = (m: ReadingMessage, value: number, stolenKey: boolean): ReadingMessage['sig'] => {
        const key = stolenKey ? world?.deviceKeys[m.device] : undefined;
        if (world === undefined || key === undefined) return m.sig;
        return key.sign(world.keyRing.digest(readingTerm(m.device, m.seq, m.timestampUs, value, m.payloadBytes)));
      };
      return {
        deviceBehaviour(device) {
          const windows = specsAimedAt(specs, (s) => s.devices, device);
          if (windows.length === 0) return undefined;
          return {
            alter(m, proxy): ReadingMessage | undefined {
              for (const t of windows) {
                if (isActive(t, proxy.ctx.nowUs) && proxy.rng.float() < t.probability) {
                  const value = m.value + TAMPER_OFFSET;
                  const out: ReadingMessage = { ...m, value, sig: signature(m, value, t.stolenKey) };
                  proxy.labels.mark(out, TAMPERED);
                  return out;
                }
              }
              return undefined;
            },
          };
        },
        installEach({ spec }, w) {
          world = w;
          for (const d of spec.devices) env.truth.label('device', d, 'tamper', 'attacked-stream', spec.start, spec.end ?? Infinity);
        },
        outcomes: () => env.labels.metrics(TAMPERED, 'iomt.tampered'),
      };
    },
  },
});
