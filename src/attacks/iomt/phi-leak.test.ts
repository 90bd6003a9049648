import { describe, expect, it } from 'vitest';
import { attackSpecSchema } from '../definition.ts';
import { GroundTruth } from '../ground-truth.ts';
import type { DeviceAttackEnv } from './hooks.ts';
import { MessageLabels } from './labels.ts';
import { phiLeak } from './phi-leak.ts';

describe('phi-leak outcomes', () => {
  it("counts every leaking transaction the gateways sent, committed or not, over every partition's share", () => {
    const env: DeviceAttackEnv = { truth: new GroundTruth(), labels: new MessageLabels(), taps: [], forwardGatewayAlarmsTo: () => {} };
    const spec = attackSpecSchema(phiLeak).parse({ type: 'phi-leak', gateways: [0, 1] });
    const run = phiLeak.device!.plan([{ spec, index: 0 }], env);
    const m = run.outcomes!([{ sent: [11, 12, 13], committed: [11] }, { sent: [21], committed: [] }]);
    expect(m['attack.phi_leak.leaking_txs_sent']?.value).toBe(4);
    expect(m['attack.phi_leak.leaking_txs']?.value).toBe(1);
  });
});
