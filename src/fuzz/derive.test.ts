import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { declaredFaultyReplicas } from '../scenario/fault-model-check.ts';
import { deriveCase, fewestNodes } from './derive.ts';
import { scenarioOf } from './scenario-file.ts';
import { inTreeTarget, mutantTarget } from './target.ts';

const FAMILIES = ['pbft', 'hotstuff', 'raft', 'poa', 'pow'] as const;

describe('a seed derives one configuration', () => {
  it('derives the same scenario from the same seed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FAMILIES), fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 4, max: 13 }), fc.boolean(), (name, seed, hi, beyond) => {
        const target = inTreeTarget(name);
        expect(deriveCase(target, seed, { lo: 4, hi }, beyond)).toEqual(deriveCase(target, seed, { lo: 4, hi }, beyond));
      }),
      { numRuns: 200 },
    );
  });

  it('draws n in the range and names at most f faulty replicas inside the model, f + 1 beyond it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FAMILIES), fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 10 }), fc.boolean(), (name, seed, lo, width, beyond) => {
        const target = inTreeTarget(name);
        const fewest = fewestNodes(target);
        if (lo + width < fewest) {
          expect(() => deriveCase(target, seed, { lo, hi: lo + width }, beyond)).toThrow(RangeError);
          return;
        }
        const c = deriveCase(target, seed, { lo, hi: lo + width }, beyond);
        expect(c.nodes).toBeGreaterThanOrEqual(Math.max(lo, fewest));
        expect(c.nodes).toBeLessThanOrEqual(lo + width);
        const f = target.definition.faultModel.maxFaulty(c.nodes);
        const attacks = c.input['attacks'] as { type: string }[];
        if (name === 'pow') {
          expect(attacks.length).toBeLessThanOrEqual(1);
          return;
        }
        const declared = declaredFaultyReplicas(attacks.filter((a) => a.type !== undefined));
        if (beyond) expect(c.faulty.length).toBe(Math.min(c.nodes, f + 1));
        else expect(declared).toBeLessThanOrEqual(f);
      }),
      { numRuns: 300 },
    );
  });

  it('gives a proof-of-work attacker inside the model at most the share whose k-deep rewrite chance is 10⁻⁶', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const c = deriveCase(inTreeTarget('pow'), seed, { lo: 4, hi: 13 });
      const k = ((c.input['consensus'] as { pow: { confirmations: number } }).pow).confirmations;
      for (const a of c.input['attacks'] as { share: number }[]) expect((a.share / (1 - a.share)) ** k).toBeLessThanOrEqual(1e-6);
    }
  });

  it('derives loadable worlds for a lone replica (no partition to draw) and draws no protocol below its fewest replicas', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const c = deriveCase(inTreeTarget('pbft'), seed, { lo: 1, hi: 1 });
      expect((await scenarioOf(c, 'derive.test')).consensus.nodes).toBe(1);
      expect(deriveCase(inTreeTarget('hotstuff'), seed, { lo: 1, hi: 2 }).nodes).toBe(2);
    }
    expect(() => deriveCase(inTreeTarget('hotstuff'), 1, { lo: 1, hi: 1 })).toThrow(/expected a range reaching 2/);
  });

  it('derives only scenarios that load, for every family, seed and n the fuzzer accepts (a proof-of-work attacker needs an honest miner)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FAMILIES), fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 2 }), fc.boolean(), async (name, seed, lo, width, beyond) => {
        const target = inTreeTarget(name);
        const range = { lo, hi: lo + width };
        // The CLI refuses a range below the fewest at the flag (src/cli/commands/fuzz.ts); deriveCase with a RangeError.
        if (range.hi < fewestNodes(target)) return;
        const c = deriveCase(target, seed, range, beyond);
        expect((await scenarioOf(c, 'derive.test')).consensus.nodes).toBe(c.nodes);
      }),
      { numRuns: 150 },
    );
    // The tester's report: `--protocol pow --nodes 1..2` died at seed 12 (n = 1 with a selfish miner).
    expect(fewestNodes(inTreeTarget('pow'))).toBe(2);
    for (let seed = 1; seed <= 30; seed++) {
      for (const beyond of [false, true]) {
        const c = deriveCase(inTreeTarget('pow'), seed, { lo: 1, hi: 2 }, beyond);
        expect(c.nodes).toBe(2);
        await scenarioOf(c, 'derive.test');
      }
    }
    expect(() => deriveCase(inTreeTarget('pow'), 1, { lo: 1, hi: 1 })).toThrow(/expected a range reaching 2/);
  });

  it('passes the loader: schema, attack targets and the fault-model check, for every family and a mutant', async () => {
    const targets = [...FAMILIES.map((name) => inTreeTarget(name)), await mutantTarget('raft-count-earlier-terms')];
    for (const target of targets) {
      for (let seed = 1; seed <= 15; seed++) {
        const c = deriveCase(target, seed, { lo: 1, hi: 13 });
        const scenario = await scenarioOf(c, 'derive.test');
        expect(scenario.consensus.nodes).toBe(c.nodes);
        expect(scenario.seed).toBe(seed);
      }
    }
  });
});
