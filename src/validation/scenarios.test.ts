/** Validation scenarios (scenarios/validation/) run through the ordinary run model and meet their closed forms. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulate } from '../runner/simulate.ts';
import { holds, parseCondition } from '../scenario/conditions.ts';
import { loadScenario } from '../scenario/load.ts';

const dir = fileURLToPath(new URL('../../scenarios/validation/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('validation scenarios', () => {
  it('there is at least one', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const f of files) {
    it(f, () => {
      const { scenario } = loadScenario(`${dir}${f}`);
      const out = simulate(scenario, scenario.seed);
      const failed = Object.entries(scenario.expect)
        .filter(([metric, text]) => { const v = out.metrics[metric]?.value; return v === undefined || !holds(parseCondition(text)!, v); })
        .map(([metric, text]) => `${metric} ${text} (observed ${out.metrics[metric]?.value})`);
      expect(failed).toEqual([]);
    });
  }
});
