import { describe, expect, it } from 'vitest';
import { attackSpecSchema } from '../definition.ts';
import { GroundTruth } from '../ground-truth.ts';
import { consentBypass } from './consent-bypass.ts';
import type { DeviceAttackEnv } from './hooks.ts';
import { MessageLabels } from './labels.ts';

describe('consent-bypass outcomes', () => {
  it("counts the intruders' records read and reads refused apart, over every partition's share", () => {
    const env: DeviceAttackEnv = { truth: new GroundTruth(), labels: new MessageLabels(), taps: [], forwardGatewayAlarmsTo: () => {} };
    const spec = attackSpecSchema(consentBypass).parse({ type: 'consent-bypass', hospital: 0 });
    const run = consentBypass.device!.plan([{ spec, index: 0 }], env);
    // Of 9 requests, 2 were served, 6 refused and 1 still unanswered at the end.
    const m = run.outcomes!([{ requests: 5, reads: 2, denied: 2 }, { requests: 4, reads: 0, denied: 4 }]);
    expect(m['attack.unauthorized_requests']?.value).toBe(9);
    expect(m['attack.unauthorized_reads']?.value).toBe(2);
    expect(m['attack.unauthorized_reads_denied']?.value).toBe(6);
  });
});
