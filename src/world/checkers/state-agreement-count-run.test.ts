/**
 * state_agreement.violations counts the heights at which honest replicas' application states differ
 * (src/checkers/state-agreement.ts), as the monitor reports it beside the other checks' counts. A
 * replica that skips one execution differs from then on; the expected count is taken here from the
 * digests every replica holds at each of its commits, compared height by height.
 */
import { describe, expect, it } from 'vitest';
import type { HostId, ModelEvent } from '../../../sim/index.ts';
import { ExecutedSequence } from '../../protocols/executed-sequence.ts';
import type { CommitEvent, ReplicatedApplication } from '../../protocols/types.ts';
import { runConsensusWorld } from '../testing/run.ts';
import { consensusScenario } from '../testing/scenarios.ts';

const scenario = consensusScenario({
  duration: '4s',
  warmup: '1s',
  network: { latency: { kind: 'normal', mean: '10ms', sd: '3ms' } },
  consensus: { batchSize: 5, batchTimeout: '50ms' },
  workload: { rateTps: 200, clients: 2 },
});

describe('state_agreement.violations', () => {
  it('counts each height at which a replica that skipped one execution holds another state than the others', () => {
    const apps: ReplicatedApplication[] = [];
    const applicationFor = (i: number): ReplicatedApplication => {
      const sequence = new ExecutedSequence();
      let executed = 0;
      const app: ReplicatedApplication = i !== 2 ? sequence : { execute: (tx) => { if (++executed !== 100) sequence.execute(tx); }, stateDigest: () => sequence.stateDigest() };
      apps[i] = app;
      return app;
    };
    const digestsAt = new Map<number, Set<string>>();
    let replicaHosts: readonly HostId[] = [];
    const record = (host: HostId, e: ModelEvent): void => {
      const i = replicaHosts.indexOf(host);
      if (e.kind !== 'commit' || i < 0) return;
      const height = (e as CommitEvent).block.height;
      const seen = digestsAt.get(height) ?? new Set<string>();
      seen.add(apps[i]!.stateDigest());
      digestsAt.set(height, seen);
    };
    const out = runConsensusWorld(scenario, 1, { applicationFor, observers: [record], setup: (world) => { replicaHosts = world.replicaHosts; } });
    const differing = [...digestsAt.values()].filter((digests) => digests.size > 1).length;
    expect(differing).toBeGreaterThan(10);
    expect(out.metrics['state_agreement.violations']!.value).toBe(differing);
    expect(out.metrics['safety.violations']!.value).toBe(0);
    expect(out.metrics['validity.violations']!.value).toBe(0);
  });
});
