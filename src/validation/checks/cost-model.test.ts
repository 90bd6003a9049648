/**
 * The cost-model checks can fail: each is run as `iomtsim validate` runs it (its own model, its own
 * judging and tolerance), once as shipped and once with one ingredient of the cost model broken
 * through a spy on the engine or network method the model calls. The broken variants are the
 * mistakes the closed forms exist to catch: transaction checks charged twice or run on one core
 * instead of c, and a receiver whose downlink does not queue arriving messages.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Engine, Network, type HostId } from '../../../sim/index.ts';
import { costModelChecks } from './cost-model.ts';

const check = (id: string) => {
  const c = costModelChecks(0).find((x) => x.id === id);
  if (c === undefined) throw new Error(`no check ${id}`);
  return c;
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('cost-model checks: verification-bound PBFT throughput (c·10⁶/v)', () => {
  it('passes as shipped on one core: 1,000 tx/s at v = 1 ms', () => {
    const r = check('cost.pbft-verify-bound.c1').run();
    expect(r.expected).toBe(1000);
    expect(r.passed).toBe(true);
  });

  it('fails when every transaction check is charged twice (half the closed form on one core)', () => {
    const cpuParallel = Engine.prototype.cpuParallel;
    vi.spyOn(Engine.prototype, 'cpuParallel').mockImplementation(function (this: Engine, h: HostId, jobs: number, costUsEach: number) {
      cpuParallel.call(this, h, jobs, 2 * costUsEach);
    });
    const r = check('cost.pbft-verify-bound.c1').run();
    expect(r.passed).toBe(false);
    expect(r.simulated).toBeLessThan(0.6 * r.expected);
  });

  it('passes as shipped on two and four cores: 2,000 and 4,000 tx/s', () => {
    for (const id of ['cost.pbft-verify-bound.c2', 'cost.pbft-verify-bound.c4']) expect(check(id).run().passed, id).toBe(true);
  });

  it('fails on four cores when every transaction check is charged twice (2,000 tx/s against 4,000)', () => {
    const cpuParallel = Engine.prototype.cpuParallel;
    vi.spyOn(Engine.prototype, 'cpuParallel').mockImplementation(function (this: Engine, h: HostId, jobs: number, costUsEach: number) {
      cpuParallel.call(this, h, jobs, 2 * costUsEach);
    });
    const r = check('cost.pbft-verify-bound.c4').run();
    expect(r.expected).toBe(4000);
    expect(r.passed).toBe(false);
    expect(r.simulated).toBeLessThan(0.6 * r.expected);
  });

  it('fails when independent checks run one after the other on one core instead of across c = 2', () => {
    vi.spyOn(Engine.prototype, 'cpuParallel').mockImplementation(function (this: Engine, h: HostId, jobs: number, costUsEach: number) {
      this.cpu(h, jobs * costUsEach);
    });
    const r = check('cost.pbft-verify-bound.c2').run();
    expect(r.expected).toBe(2000);
    expect(r.passed).toBe(false);
    expect(r.simulated).toBeLessThan(0.6 * r.expected);
  });
});

describe('cost-model checks: incast (k·s·8/B)', () => {
  it('passes as shipped: the last of k messages is received k·s·8/B after the first bits arrive', () => {
    for (const id of ['cost.incast.k10', 'cost.incast.k100']) expect(check(id).run().passed, id).toBe(true);
  });

  it('fails when the receiver\'s downlink does not queue: every message then arrives one serialization after the first bits', () => {
    // queuesAt false sends each message down its own sender's uplink alone, as if the receiver
    // could take any number of messages at once at full rate.
    vi.spyOn(Network.prototype, 'queuesAt').mockReturnValue(false);
    for (const [id, k] of [['cost.incast.k10', 10], ['cost.incast.k100', 100]] as const) {
      const r = check(id).run();
      expect(r.passed, id).toBe(false);
      expect(r.simulated, id).toBe(r.expected / k);
    }
  });
});
