/**
 * node.cpu_utilization counts the work a core has performed inside the window, not the work charged
 * to it: a handler's cost is charged when it starts, so a long one that starts before the end of the
 * window runs past it. A PBFT primary on one core checks a whole batch in one handler (⌈b/c⌉·v,
 * src/ledger/tx-authentication.ts); offered twice 10⁶/v, its batches fill up to 1,000 transactions,
 * a second of checking each.
 */
import { describe, expect, it } from 'vitest';
import { ZERO_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import { runConsensusWorld } from '../testing/run.ts';
import { consensusScenario } from '../testing/scenarios.ts';

const VERIFY_US = 1_000;
const WARM_UP_US = 1_000_000;
const END_US = 3_500_000;

const saturated = consensusScenario({
  duration: `${END_US}us`,
  warmup: `${WARM_UP_US}us`,
  network: { latency: { kind: 'fixed', value: '1ms' }, upload: '1e15bps', download: '1e15bps' },
  consensus: { nodes: 4, cores: 1, batchSize: 1_000, batchTimeout: '10ms', cryptoCosts: { ...ZERO_CRYPTO_COSTS, verifyUs: VERIFY_US } },
  workload: { clients: 4, arrival: 'periodic', rateTps: 2e6 / VERIFY_US, requestTimeout: '60s' },
});

describe('the utilisation of a saturated replica', () => {
  it('reaches but never exceeds 1, although a batch check runs past the end of the window', () => {
    const m = runConsensusWorld(saturated, 1).metrics;
    expect(m['node.cpu_utilization_core_max']!.value).toBeGreaterThan(0.99);
    expect(m['node.cpu_utilization_core_max']!.value).toBeLessThanOrEqual(1);
  });

  it('would exceed 1 if the work charged were counted instead of the work performed (the broken measure)', () => {
    const charged: number[] = [];
    const done: number[] = [];
    let sample = (): void => undefined;
    runConsensusWorld(saturated, 1, {
      setup: (world) => {
        const primary = world.replicaHosts[0]!;
        sample = () => {
          charged.push(world.engine.cpuCoreBusyUs(primary, 0));
          done.push(world.engine.cpuCoreDoneUs(primary, 0));
        };
        world.engine.at(WARM_UP_US, sample);
      },
    });
    // At the end: the run covers [0, END_US), and its clock stands at END_US.
    sample();
    const windowUs = END_US - WARM_UP_US;
    expect((charged[1]! - charged[0]!) / windowUs).toBeGreaterThan(1.05);
    expect((done[1]! - done[0]!) / windowUs).toBeLessThanOrEqual(1);
  });
});
