import { describe, expect, it } from 'vitest';
import { runConsensusScenario } from '../runner/models/consensus.ts';
import { consensusScenario } from '../world/testing/scenarios.ts';
import { METRIC_DOCS, metricDoc } from './catalog.ts';

describe('METRIC_DOCS', () => {
  it('names each metric once, in dotted lower snake case (a <placeholder> stands for a family)', () => {
    const names = METRIC_DOCS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9_]*(\.([a-z0-9_]+|<[a-z_]+>))+$/);
  });

  it('documents every metric a consensus run reports, with the unit it reports', () => {
    const out = runConsensusScenario(consensusScenario({ duration: '2s', workload: { rateTps: 50 } }), 1);
    for (const [name, value] of Object.entries(out.metrics)) {
      expect(metricDoc(name), name).toBeDefined();
      expect(metricDoc(name)!.unit, name).toBe(value.unit);
    }
  });
});
