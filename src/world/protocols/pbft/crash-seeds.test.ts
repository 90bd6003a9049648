/**
 * Up to f crashes at random times, across seeds and random delays: the primary of view 0 and then
 * the primary of the next view, or a backup, with n = 7 (f = 2). Safety and validity always hold,
 * commits resume (liveness within a bound covering two view changes), and requests submitted
 * well before the end are all confirmed.
 */
import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../../../sim/index.ts';
import { consensusScenario } from '../../testing/scenarios.ts';
import { runConsensusWorld } from '../../testing/run.ts';
import type { ConfirmedEvent, SubmitEvent } from '../../../protocols/types.ts';

const scenario = consensusScenario({
  duration: '12s',
  network: { latency: { kind: 'exponential', mean: '6ms', shift: '1ms' } },
  consensus: { nodes: 7, batchSize: 4, batchTimeout: '20ms', livenessBound: '4s', pbft: { viewChangeTimeout: '300ms', checkpointInterval: 10, logWindow: 20 } },
  workload: { clients: 2, rateTps: 80, requestTimeout: '600ms', stopAfter: '8s' },
});

describe('PBFT with up to f crashes at random times', () => {
  it('stays safe and live across 30 seeds', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const submitted = new Set<number>();
      const confirmed = new Set<number>();
      const observer = (_h: number, e: ModelEvent) => {
        if (e.kind === 'submit') submitted.add((e as SubmitEvent).tx.id);
        if (e.kind === 'confirmed') confirmed.add((e as ConfirmedEvent).tx.id);
      };
      const out = runConsensusWorld(scenario, seed, {
        observers: [observer],
        setup: (w) => {
          const rng = w.engine.rng.stream('test:crashes');
          const first = 500_000 + rng.int(3_000_000);
          const second = first + 200_000 + rng.int(2_000_000);
          w.engine.at(first, () => w.engine.crash(w.replicaHosts[0]!));
          // The second victim: the primary of view 1, or a backup, by seed.
          const victim = seed % 2 === 0 ? w.replicaHosts[1]! : w.replicaHosts[4]!;
          w.engine.at(second, () => w.engine.crash(victim));
        },
      });
      const failed = out.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.detail}`);
      expect(failed, `seed ${seed}`).toEqual([]);
      expect(confirmed.size, `seed ${seed}`).toBe(submitted.size);
      expect(out.metrics['consensus.view_changes']!.value, `seed ${seed}`).toBeGreaterThanOrEqual(1);
    }
  });
});
