/**
 * Every metric the bundled scenarios emit is documented: a name missing from the catalog would be
 * a number in summary.json that neither `iomtsim list metrics` nor docs/metrics.md explains.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenario/index.ts';
import { simulate } from '../simulate.ts';
import { metricDoc } from '../../metrics/catalog.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

// Short forms of the protocol scenarios: enough simulated time for every metric to appear.
const SCENARIOS: readonly (readonly [string, readonly string[]])[] = [
  ['scenarios/consortium.yaml', ['duration=10s']],
  ['scenarios/raft.yaml', ['duration=8s', 'warmup=1s']],
  ['scenarios/hotstuff.yaml', ['duration=4s', 'warmup=1s', 'consensus.nodes=7']],
  ['scenarios/poa.yaml', ['duration=30s']],
  ['scenarios/pow.yaml', ['consensus.pow.blocks=5', 'consensus.nodes=60']],
];

describe('metric catalog coverage', () => {
  for (const [file, sets] of SCENARIOS) {
    it(`documents every metric ${file} emits`, () => {
      const out = simulate(loadScenario(`${root}${file}`, [...sets]).scenario, 1);
      const undocumented = Object.keys(out.metrics).filter((name) => metricDoc(name) === undefined);
      expect(undocumented).toEqual([]);
    });
  }
});
