import { describe, expect, it } from 'vitest';
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
});
