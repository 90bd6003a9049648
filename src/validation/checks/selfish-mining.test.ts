/**
 * The selfish-mining revenue and threshold checks can fail: run as `iomtsim validate` runs them (their
 * own run(), grid, replications and seeds), with the pool's strategy broken so that it ignores γ. A pool whose
 * lead of one is matched by an honest block keeps its block private instead of publishing it to
 * race (Eyal & Sirer 2014, Algorithm 1, "Others found a block", Δ_prev = 1), so honest miners never
 * see a tie and γ never acts: the pool earns what it would at γ = 0, whose threshold is 1/3, not
 * the 1/4 the check expects at γ = ½. Every grid point and both thresholds are shown failing, each
 * on a pool broken in a way that moves its own closed form, and passing as shipped (the race is fast).
 */
import { describe, expect, it } from 'vitest';
import { selfishRevenue } from '../../attacks/pow/closed-forms.ts';
import { SelfishMiningStrategy, type SelfishAction } from '../../attacks/pow/selfish-strategy.ts';
import { Rng } from '../../../sim/index.ts';
import { sampleSd } from '../../stats/index.ts';
import { interpolatedRoot, selfishMiningChecks } from './selfish-mining.ts';
import { withReplacedProperty } from './testing/replaced-property.ts';

/**
 * Run `fn` with a pool that, at a lead of `lead` when an honest block arrives, keeps its branch
 * private and waits instead of publishing (Algorithm 1, "Others found a block";
 * testing/replaced-property.ts).
 */
function withPoolWaitingAtLead<T>(lead: number, fn: () => T): T {
  return withReplacedProperty(SelfishMiningStrategy.prototype, 'onPublicBlock', (shipped) => ({
    ...shipped,
    value(this: SelfishMiningStrategy, height: number): SelfishAction {
      if (height === this.publicHeight + 1 && this.privateHeight - this.publicHeight === lead) {
        this.publicHeight = height;
        return { kind: 'wait' };
      }
      return (shipped.value as (this: SelfishMiningStrategy, height: number) => SelfishAction).call(this, height);
    },
  }), fn);
}

/**
 * A pool that withholds its block in a tie (Δ_prev = 1): the next block decides, as if no honest
 * miner took the pool's side.
 */
const withPoolIgnoringGamma = <T>(fn: () => T): T => withPoolWaitingAtLead(1, fn);

/**
 * A pool that keeps its branch private at a lead of two (Δ_prev = 2: publish all, and the pool's
 * branch wins). The honest chain then draws level and, at the next honest block, wins: the pool
 * loses branches it should have won, at every γ.
 */
const withPoolWaitingAtLeadOfTwo = <T>(fn: () => T): T => withPoolWaitingAtLead(2, fn);

/**
 * Run `fn` with a pool that, in a tie between branches (state 0′), keeps the block it then finds
 * private instead of publishing its branch (Algorithm 1, "My pool found a block", Δ_prev = 0 and
 * privateBranchLen = 2: publish, the pool wins). It earns less near the threshold, which moves up
 * (to about 0.36 at γ = 0 and 0.26 at γ = ½, inside each check's grid), so the gain still changes
 * sign there and the verdict is the 3-SE rule's, not "no sign change".
 */
function withPoolWithholdingAfterTie<T>(fn: () => T): T {
  return withReplacedProperty(SelfishMiningStrategy.prototype, 'onPoolBlock', (shipped) => ({
    ...shipped,
    value(this: SelfishMiningStrategy): SelfishAction {
      if (this.privateHeight === this.publicHeight && this.privateBranchLength === 1) {
        this.privateHeight++;
        this.privateBranchLength++;
        return { kind: 'wait' };
      }
      return (shipped.value as (this: SelfishMiningStrategy) => SelfishAction).call(this);
    },
  }), fn);
}

describe('every selfish-mining check', () => {
  const checks = selfishMiningChecks(0);

  it('passes as shipped (all 23, at the shipped seeds)', () => {
    const failed = checks.map((c) => ({ id: c.id, r: c.run() })).filter(({ r }) => !r.passed).map(({ id }) => id);
    expect(checks).toHaveLength(23);
    expect(failed).toEqual([]);
  });

  it('fails at every revenue point with γ > 0 when the pool never lets honest miners choose its block in a tie', () => {
    const points = checks.filter((c) => c.id.startsWith('selfish-mining.revenue.') && !c.id.endsWith('-g0'));
    expect(points).toHaveLength(14);
    const passed = withPoolIgnoringGamma(() => points.filter((c) => c.run().passed).map((c) => c.id));
    expect(passed).toEqual([]);
  });

  it('fails at every revenue point with γ = 0 when the pool keeps its branch private at a lead of two', () => {
    // γ = 0 makes the tie rule moot, so the pool above cannot break these points.
    const points = checks.filter((c) => c.id.startsWith('selfish-mining.revenue.') && c.id.endsWith('-g0'));
    expect(points).toHaveLength(7);
    const passed = withPoolWaitingAtLeadOfTwo(() => points.filter((c) => c.run().passed).map((c) => c.id));
    expect(passed).toEqual([]);
  });

  it('threshold: both fail by their 3-SE rule, the root found above the closed form, when the pool withholds its block after a tie', () => {
    for (const c of checks.filter((x) => x.id.startsWith('selfish-mining.threshold.'))) {
      const r = withPoolWithholdingAfterTie(() => c.run());
      expect(r.basis, c.id).toMatchObject({ kind: 'standard-error', k: 3 });
      expect(r.passed, c.id).toBe(false);
      expect(r.simulated, c.id).toBeGreaterThan(r.expected);
    }
  });
});

describe('selfish-mining revenue check', () => {
  const revenueAtGammaOne = () => selfishMiningChecks(0).find((c) => c.id === 'selfish-mining.revenue.a0.3-g1')!;

  it('passes at α = 0.3, γ = 1 as shipped (the race runs at the check\'s γ, not at 0)', () => {
    const r = revenueAtGammaOne().run();
    expect(r.expected).toBeCloseTo(selfishRevenue(0.3, 1), 12);
    expect(r.passed).toBe(true);
  });

  it('fails at α = 0.3, γ = 1 when the pool never lets honest miners choose its block in a tie', () => {
    // Such a pool earns about R(0.3, 0) = 0.273 against the formula's R(0.3, 1) = 0.381, some 200
    // standard errors away: only a check that judges by its own three standard errors is sure to fail.
    const r = withPoolIgnoringGamma(() => revenueAtGammaOne().run());
    expect(r.basis).toMatchObject({ kind: 'standard-error', k: 3 });
    expect(r.passed).toBe(false);
  });
});

describe('selfish-mining threshold check', () => {
  it('fails at γ = ½ when the pool never lets honest miners choose its block in a tie (no sign change on its grid: the gain turns positive only at 1/3)', () => {
    const check = selfishMiningChecks(0).find((c) => c.id === 'selfish-mining.threshold.g0.5')!;
    const r = withPoolIgnoringGamma(() => check.run());
    expect(r.expected).toBeCloseTo(0.25, 12);
    expect(r.passed).toBe(false);
  });
});

describe('interpolatedRoot', () => {
  const lo = { a: 0.23, g: -0.006, se: 0.0002 };
  const hi = { a: 0.25, g: 0.002, se: 0.0003 };

  it('is the straight line\'s zero, with SE² = (w_lo² se_lo² + w_hi² se_hi²) / slope²', () => {
    const { root, standardError } = interpolatedRoot(lo, hi);
    expect(root).toBeCloseTo(0.245, 12);
    // w_lo = 0.002 / 0.008 = 0.25, w_hi = 0.75, slope = 0.008 / 0.02 = 0.4.
    expect(standardError).toBeCloseTo(Math.sqrt((0.25 * 0.0002) ** 2 + (0.75 * 0.0003) ** 2) / 0.4, 15);
    // The weights are the root's derivatives in the gains (times −slope), by central differences.
    const h = 1e-7;
    const dLo = (interpolatedRoot({ ...lo, g: lo.g + h }, hi).root - interpolatedRoot({ ...lo, g: lo.g - h }, hi).root) / (2 * h);
    const dHi = (interpolatedRoot(lo, { ...hi, g: hi.g + h }).root - interpolatedRoot(lo, { ...hi, g: hi.g - h }).root) / (2 * h);
    expect(-dLo * 0.4).toBeCloseTo(0.25, 5);
    expect(-dHi * 0.4).toBeCloseTo(0.75, 5);
  });

  it('matches the spread of the root when the gains are drawn with their SEs (noise small against the gains, where a first-order method holds)', () => {
    const { standardError } = interpolatedRoot(lo, hi);
    const rng = new Rng(7).stream('delta-method');
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());
    const roots = Array.from({ length: 20_000 }, () => interpolatedRoot({ ...lo, g: lo.g + lo.se * normal() }, { ...hi, g: hi.g + hi.se * normal() }).root);
    expect(sampleSd(roots) / standardError).toBeGreaterThan(0.95);
    expect(sampleSd(roots) / standardError).toBeLessThan(1.05);
  });
});
