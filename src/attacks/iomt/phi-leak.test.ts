import { describe, expect, it } from 'vitest';
import type { IomtWorld } from '../../iomt/world.ts';
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

  it('scores the inspector against the committed leaks: recall over those its gateway saw committed, false positives only among transactions no gateway made leak', () => {
    const env: DeviceAttackEnv = { truth: new GroundTruth(), labels: new MessageLabels(), taps: [], forwardGatewayAlarmsTo: () => {} };
    const spec = attackSpecSchema(phiLeak).parse({ type: 'phi-leak', gateways: [0] });
    const run = phiLeak.device!.plan([{ spec, index: 0 }], env);
    // 11 and 12 committed and seen so; 13 committed too late for its gateway to see it (flagged, a
    // leak all the same); 21 never committed; 99 is an honest transaction the inspector flagged.
    const world = { topology: { hospitals: [{ gateways: [5] }] }, collector: { phi: { flaggedTxs: new Set([11, 13, 99]) } } } as unknown as IomtWorld;
    run.installEach!({ spec, index: 0 }, world);
    const m = run.outcomes!([{ sent: [11, 12, 13], committed: [11, 12] }, { sent: [21], committed: [] }]);
    expect(m['attack.phi_leak.leaking_txs']?.value).toBe(2);
    expect(m['attack.phi_leak.leaking_txs_flagged']?.value).toBe(1);
    expect(m['attack.phi_leak.recall']?.value).toBe(0.5);
    expect(m['attack.phi_leak.false_positives']?.value).toBe(1);
  });
});
