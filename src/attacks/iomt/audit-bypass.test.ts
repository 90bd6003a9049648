import { describe, expect, it } from 'vitest';
import type { IomtWorld } from '../../iomt/world.ts';
import { attackSpecSchema } from '../definition.ts';
import { GroundTruth } from '../ground-truth.ts';
import { auditBypass } from './audit-bypass.ts';
import type { DeviceAttackEnv } from './hooks.ts';
import { MessageLabels } from './labels.ts';

describe('audit-bypass outcomes', () => {
  it("counts the records the accomplices received apart from those the insiders served, over every partition's share", () => {
    const env: DeviceAttackEnv = { truth: new GroundTruth(), labels: new MessageLabels(), taps: [], forwardGatewayAlarmsTo: () => {} };
    const spec = attackSpecSchema(auditBypass).parse({ type: 'audit-bypass', hospital: 0 });
    const run = auditBypass.device!.plan([{ spec, index: 0 }], env);
    // One record served is still on its way to the accomplice when the run ends.
    const m = run.outcomes!([{ records: ['7:0', '7:1', '7:2'], received: 2 }, { records: ['9:0'], received: 1 }]);
    expect(m['attack.audit_bypass.unaudited_reads']?.value).toBe(4);
    expect(m['attack.audit_bypass.records_received']?.value).toBe(3);
    // No served-record measure ran here, so none of them was caught.
    expect(m['attack.audit_bypass.caught_reads']?.value).toBe(0);
  });

  it("scores the audit measure's unaudited reads against the records the insiders served: caught among them, false beyond them", () => {
    const env: DeviceAttackEnv = { truth: new GroundTruth(), labels: new MessageLabels(), taps: [], forwardGatewayAlarmsTo: () => {} };
    const spec = attackSpecSchema(auditBypass).parse({ type: 'audit-bypass', hospital: 0 });
    const run = auditBypass.device!.plan([{ spec, index: 0 }], env);
    // The measure counted 7:0 and 7:2 (served by the insider) and 3:5 (an honest read it missed the audit of) unaudited.
    const world = {
      topology: { hospitals: [{ region: 0, store: 2 }], devices: [{ index: 0, hospital: 0 }] },
      config: { links: { siteBandwidthBps: 1e9 } },
      engine: { addHost: () => 9 },
      collector: { served: { verdicts: () => ({ unaudited: ['7:0', '3:5', '7:2'] }) } },
    } as unknown as IomtWorld;
    run.installEach!({ spec, index: 0 }, world);
    const m = run.outcomes!([{ records: ['7:0', '7:1', '7:2', '7:3'], received: 4 }]);
    expect(m['attack.audit_bypass.caught_reads']?.value).toBe(2);
    expect(m['attack.audit_bypass.detection_rate']?.value).toBe(0.5);
    expect(m['attack.audit_bypass.false_unaudited_reads']?.value).toBe(1);
  });
});
