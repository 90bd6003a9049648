/**
 * Tampering in transit: a radio man in the middle (the device proxy) replaces readings with copies
 * whose value is moved, the signature left as it was, as an attacker without the key must.
 */
import { z } from 'zod';
import type { ReadingMessage } from '../../iomt/reading.ts';
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
  targets: 'devices',
  model: 'device proxy (radio man in the middle) replaces readings with copies whose value is lowered by 25, the signature left unchanged',
  paramsSchema: z.object({
    devices: deviceList('Devices whose readings are altered.'),
    probability: param(z.number().gt(0).max(1).default(1), 'Chance that each reading of a target is altered in transit.', 'number in (0, 1]'),
  }),
  outcomes: ['iomt.tampered_accepted', 'iomt.readings_rejected.bad_signature'],
  device: {
    checkWorldTargets: checkDeviceTargets,
    plan: (specs, env) => ({
      deviceBehaviour(device) {
        const windows = specsAimedAt(specs, (s) => s.devices, device);
        if (windows.length === 0) return undefined;
        return {
          alter(m, proxy): ReadingMessage | undefined {
            for (const t of windows) {
              if (isActive(t, proxy.ctx.nowUs) && proxy.rng.float() < t.probability) {
                const out: ReadingMessage = { ...m, value: m.value + TAMPER_OFFSET };
                proxy.labels.mark(out, TAMPERED);
                return out;
              }
            }
            return undefined;
          },
        };
      },
      installEach({ spec }) {
        for (const d of spec.devices) env.truth.label('device', d, 'tamper', 'attacked-stream', spec.start, spec.end ?? Infinity);
      },
      outcomes: () => env.labels.metrics(TAMPERED, 'iomt.tampered'),
    }),
  },
});
