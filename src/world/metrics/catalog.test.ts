import { describe, expect, it } from 'vitest';
import { metricDoc } from '../../metrics/catalog.ts';
import { runConsensusWorld } from '../testing/run.ts';
import { consensusScenario } from '../testing/scenarios.ts';

describe('METRIC_DOCS', () => {
  it('documents every metric a consensus run reports, with the unit it reports', () => {
    const out = runConsensusWorld(consensusScenario({ duration: '2s', workload: { rateTps: 50 } }), 1);
    for (const [name, value] of Object.entries(out.metrics)) {
      expect(metricDoc(name), name).toBeDefined();
      expect(metricDoc(name)!.unit, name).toBe(value.unit);
    }
  });
});
