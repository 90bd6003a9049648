/**
 * A primary whose outgoing pre-prepares are tampered with in transit (one transaction's payload
 * digest changed, the signed digest and block hash left as they were) is caught by recomputation:
 * backups recompute the block's Merkle root and hash, reject the batch, time out, and move to a
 * view with an honest primary. No altered transaction ever commits.
 */
import { describe, expect, it } from 'vitest';
import type { ActorContext, ActorFactory, HostId, ModelEvent } from '../../../../sim/index.ts';
import type { Block } from '../../../ledger/types.ts';
import { consensusScenario } from '../../testing/scenarios.ts';
import { runConsensusWorld } from '../../testing/run.ts';
import type { FaultPlan } from '../../types.ts';
import type { CommitEvent } from '../../../protocols/types.ts';
import type { PrePrepare } from '../../../protocols/pbft/messages.ts';

function tampered(block: Block): Block {
  const [first, ...rest] = block.txs;
  return { ...block, txs: first === undefined ? [] : [{ ...first, payloadDigest: 'f'.repeat(64) }, ...rest] };
}

/** Replica 0's channel rewrites every pre-prepare it sends. */
const tamperingChannel: FaultPlan = {
  byzantineReplicas: () => [0],
  wrapReplica<M>(index: number, factory: ActorFactory<M>): ActorFactory<M> {
    if (index !== 0) return factory;
    return (ctx: ActorContext<M>) => factory({
      get self() { return ctx.self; },
      get nowUs() { return ctx.nowUs; },
      rng: ctx.rng,
      send: (to: HostId, msg: M, size: number) => {
        const m = msg as unknown as PrePrepare;
        ctx.send(to, (m.kind === 'pbft-pre-prepare' ? { ...m, block: tampered(m.block) } : msg) as M, size);
      },
      setTimer: (d, t) => ctx.setTimer(d, t),
      cancelTimer: (id) => ctx.cancelTimer(id),
      cpu: (us) => ctx.cpu(us),
      cpuParallel: (jobs, each) => ctx.cpuParallel(jobs, each),
      emit: (e) => ctx.emit(e),
      emitFirst: (key, e) => ctx.emitFirst(key, e),
    });
  },
  install: () => {},
  outcomes: () => ({}),
};

describe('PBFT against tampered pre-prepares', () => {
  it('rejects the altered batches, changes view, and commits only unaltered transactions', () => {
    const scenario = consensusScenario({
      duration: '8s',
      network: { latency: { kind: 'uniform', min: '2ms', max: '8ms' } },
      consensus: { nodes: 4, batchSize: 4, batchTimeout: '20ms', pbft: { viewChangeTimeout: '300ms' } },
      workload: { clients: 2, rateTps: 50, requestTimeout: '500ms' },
    });
    let altered = 0;
    let honestCommits = 0;
    const observer = (host: HostId, e: ModelEvent) => {
      if (e.kind !== 'commit' || host === 0) return;
      honestCommits++;
      for (const tx of (e as CommitEvent).block.txs) if (tx.payloadDigest === 'f'.repeat(64)) altered++;
    };
    const out = runConsensusWorld(scenario, 1, { faults: tamperingChannel, observers: [observer] });
    expect(altered).toBe(0);
    expect(honestCommits).toBeGreaterThan(100);
    expect(out.metrics['consensus.view_changes']!.value).toBeGreaterThanOrEqual(1);
    expect(out.checks.filter((c) => !c.passed)).toEqual([]);
  });
});
