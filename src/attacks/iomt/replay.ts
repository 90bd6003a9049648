/** Replay of captured readings: the device proxy keeps a copy of every reading and sends it again after a delay. */
import { z } from 'zod';
import type { HostId } from '../../../sim/index.ts';
import type { ReadingMessage } from '../../iomt/reading.ts';
import { zPositiveDurationUs } from '../../scenario/zod-units.ts';
import { defineAttack } from '../definition.ts';
import { deviceList, param } from '../params.ts';
import { isActive } from '../window.ts';
import type { DeviceBehaviour } from './device-proxy.ts';
import { checkDeviceTargets, specsAimedAt } from './layout.ts';

const REPLAYED = 'replayed';

export const replay = defineAttack({
  type: 'replay',
  title: 'Replay of captured readings',
  category: 'device',
  // Its counts are made where devices send and gateways admit, which a split keeps in one thread.
  splitsOverThreads: () => true,
  targets: 'devices',
  model: 'device proxy captures every reading and sends the same reading again after a delay',
  paramsSchema: z.object({
    devices: deviceList('Devices whose readings are replayed.'),
    delay: param(zPositiveDurationUs.default(1_000_000), 'Time between capture and replay.', 'duration'),
  }),
  outcomes: ['iomt.replayed_accepted', 'iomt.replayed_stored', 'iomt.readings_rejected.replay'],
  device: {
    checkWorldTargets: checkDeviceTargets,
    plan: (specs, env) => ({
      deviceBehaviour(device): DeviceBehaviour | undefined {
        const windows = specsAimedAt(specs, (s) => s.devices, device);
        if (windows.length === 0) return undefined;
        // Copies waiting to be sent again; a constant delay per window keeps them in release order.
        let atUs: number[] = [];
        let to: HostId[] = [];
        let msgs: ReadingMessage[] = [];
        let sizes: number[] = [];
        let head = 0;
        return {
          afterSend(m, dest, sizeBytes, proxy) {
            const now = proxy.ctx.nowUs;
            for (const r of windows) {
              if (!isActive(r, now)) continue;
              const copy: ReadingMessage = { ...m };
              proxy.labels.mark(copy, REPLAYED);
              atUs.push(now + r.delay);
              to.push(dest);
              msgs.push(copy);
              sizes.push(sizeBytes);
              proxy.setTimer(r.delay);
              return true;
            }
            return false;
          },
          onTimer(proxy) {
            const now = proxy.ctx.nowUs;
            while (head < atUs.length && atUs[head]! <= now) {
              const i = head++;
              proxy.send(to[i]!, msgs[i]!, sizes[i]!);
            }
            if (head === atUs.length) {
              atUs = [];
              to = [];
              msgs = [];
              sizes = [];
              head = 0;
            }
          },
        };
      },
      installEach({ spec }) {
        for (const d of spec.devices) env.truth.label('device', d, 'replay', 'attacked-stream', spec.start, spec.end ?? Infinity);
      },
      outcomes: () => env.labels.metrics(REPLAYED, 'iomt.replayed'),
    }),
  },
});
