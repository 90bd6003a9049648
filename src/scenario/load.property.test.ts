import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { InputError, loadScenarioText } from './index.ts';

/** Values shaped like scenario input: real field names with arbitrary (often wrong) values. */
const scalar = fc.oneof(fc.integer({ min: -5, max: 20 }), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null),
  fc.constantFrom('10s', '-1ms', '500ms', '1Gbps', '64KB', 'pbft', 'raft', 'fixed', '== 0', 'x'), fc.string());
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('kind', 'value', 'nodes', 'protocol', 'mean', 'type', 'replicas', 'rateTps', 'zzz'), tie('node'), { maxKeys: 4 })),
})).node;
const scenarioLike = fc.dictionary(
  fc.constantFrom('name', 'duration', 'seed', 'warmup', 'replications', 'expect', 'network', 'consensus', 'workload', 'attacks', 'typo'),
  value,
  { maxKeys: 8 },
);

describe('loadScenarioText on generated input', () => {
  it('yields a valid scenario or a structured InputError, never a crash', () => {
    fc.assert(
      fc.property(fc.oneof(scenarioLike.map((o) => stringify(o)), scenarioLike.map((o) => stringify({ name: 'g', duration: '10s', ...o })), fc.string()), (text) => {
        try {
          const { scenario } = loadScenarioText('gen.yaml', text);
          expect(Number.isInteger(scenario.duration) && scenario.duration > 0).toBe(true);
          expect(typeof scenario.name).toBe('string');
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          const issues = (err as InputError).issues;
          expect(issues.length).toBeGreaterThan(0);
          for (const issue of issues) {
            expect(issue.source).toMatch(/^gen\.yaml(:\d+:\d+)?$/);
            expect(issue.path.length).toBeGreaterThan(0);
            expect(issue.expected.length).toBeGreaterThan(0);
            expect(issue.found.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 400, seed: 20261124 },
    );
  });
});
