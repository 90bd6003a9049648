/**
 * Every consensus and network attack scenario in scenarios/attacks/ runs (they are short already)
 * and its `expect:` block holds. Proof-of-work attack scenarios are tested in src/attacks/pow/.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate.ts';
import { holds, parseCondition } from '../../scenario/conditions.ts';
import { loadScenario } from '../../scenario/load.ts';

const SCENARIOS = [
  'equivocation', 'equivocation-beyond-f', 'silence', 'censorship', 'censorship-pbft', 'delay-votes',
  'crash-recovery', 'partition', 'eclipse', 'leader-delay', 'leader-dos',
  // Device and gateway attacks (IoMT scenarios).
  'sybil', 'tamper', 'replay', 'flood', 'compromised-gateway', 'record-tamper', 'ransomware', 'consent-bypass', 'stolen-key', 'insider', 'consent-expired', 'consent-revoked',
];

const file = (name: string) => fileURLToPath(new URL(`../../../scenarios/attacks/${name}.yaml`, import.meta.url));

describe('attack scenarios meet their expectations', () => {
  for (const name of SCENARIOS) {
    it(name, () => {
      const { scenario } = loadScenario(file(name));
      expect(Object.keys(scenario.expect).length).toBeGreaterThan(0);
      const out = simulate(scenario, scenario.seed);
      const failed: string[] = [];
      for (const [metric, text] of Object.entries(scenario.expect)) {
        const observed = out.metrics[metric]?.value;
        if (observed === undefined || !holds(parseCondition(text)!, observed)) failed.push(`${metric} ${text} (observed ${observed})`);
      }
      expect(failed).toEqual([]);
    });
  }
});
