/**
 * Flooding from compromised devices (bots): the device proxy makes the firmware sample, sign with
 * its own valid key and send extra readings at a rate. The devices are labelled compromised, and
 * detectors are scored against those labels.
 */
import { z } from 'zod';
import { defineAttack } from '../definition.ts';
import { deviceList, param } from '../params.ts';
import { isActive } from '../window.ts';
import type { DeviceBehaviour } from './device-proxy.ts';
import { deviceDetectorBaselines } from './detector-baselines.ts';
import { checkDeviceTargets, specsAimedAt } from './layout.ts';

const FLOOD = 'flood';

export const flood = defineAttack({
  type: 'flood',
  title: 'Flooding from compromised devices',
  category: 'device',
  // Its counts are made where devices send and gateways admit, which a split keeps in one thread.
  splitsOverThreads: () => true,
  targets: 'devices (bots)',
  model: "device proxy makes the firmware sample, sign (its own valid key) and send extra readings at a rate; devices are labelled compromised, and detectors are scored against those labels",
  paramsSchema: z.object({
    devices: deviceList('Compromised devices (bots); they sign with their own, valid keys.'),
    rate: param(z.number().positive(), 'Extra readings per second per bot.', 'readings/s'),
  }),
  windowMeanings: { start: "When the bots start flooding. Before the devices' detectors have learnt their baseline (their `warmup` samples of their readings: 51 s for a 50-sample inter-arrival CUSUM at one reading a second) they learn the flood as normal and never alarm; the command line says so when the scenario loads." },
  outcomes: ['attack.flood_accepted', 'iomt.readings_rejected.rate_limited', 'detect.<detector>.detection_rate', 'detect.<detector>.false_positive_rate', 'detect.<detector>.time_to_detect_ms'],
  device: {
    checkWorldTargets: checkDeviceTargets,
    detectorBaselines: (spec, layout) => deviceDetectorBaselines(spec.devices, layout),
    plan: (specs, env) => ({
      deviceBehaviour(device): DeviceBehaviour | undefined {
        const windows = specsAimedAt(specs, (s) => s.devices, device);
        if (windows.length === 0) return undefined;
        let flooding = false;
        return {
          onStart(proxy) {
            for (const f of windows) proxy.setTimer(Math.max(0, f.start - proxy.ctx.nowUs));
          },
          onTimer(proxy) {
            const now = proxy.ctx.nowUs;
            let next = Infinity;
            for (const f of windows) {
              if (!isActive(f, now)) continue;
              flooding = true;
              proxy.sampleNow();
              flooding = false;
              next = Math.min(next, 1e6 / f.rate);
            }
            if (next !== Infinity) proxy.setTimer(next);
          },
          alter(m, proxy) {
            if (flooding) proxy.labels.mark(m, FLOOD);
            return undefined;
          },
        };
      },
      installEach({ spec }) {
        for (const d of spec.devices) env.truth.label('device', d, 'flood', 'compromised-device', spec.start, spec.end ?? Infinity);
      },
      outcomes: () => env.labels.metrics(FLOOD, 'attack.flood'),
    }),
  },
});
