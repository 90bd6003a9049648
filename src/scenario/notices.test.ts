/** The notices a run prints before it starts: every point's attacks' and alert rules'. */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from './index.ts';
import { pointNotices } from './notices.ts';

describe('the notices of a run', () => {
  it("gives each point's alert rule notices after its attack notices, named by the point", () => {
    const l = loadScenarioText('s.yaml', 'name: s\nduration: 2s\nconsensus: { protocol: pbft }\nworkload: { rateTps: 0 }\niomt:\n  hospitals: 1\n  wardsPerHospital: 1\n  bedsPerWard: 1\n  rules: [{ name: bp-low, channel: sbp, op: below, threshold: 90, hold: 1s }]\nattacks:\n  - { type: crash, replicas: [1], start: 2s }\n');
    const notices = pointNotices([{ parameters: { duration: '2s' }, scenario: l.scenario }], l.locate);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/^at duration=2s: attacks\.0 \(crash\) starts at 2 s/);
    expect(notices[1]).toMatch(/^at duration=2s: s\.yaml:9:36: iomt\.rules\.0\.channel: rule 'bp-low' watches sbp, on which the model draws no clinical episodes/);
  });
});
