/**
 * A Byzantine replica's own reports count in no metric and no check (monitor.ts: "excluded from the
 * invariants and the metrics"): one that reports commits of blocks nobody ordered and a view nobody
 * entered leaves every metric of the run as it was, while the same reports from an honest replica
 * would read as conflicting commits, extra decisions and a view change.
 */
import { describe, expect, it } from 'vitest';
import type { ActorContext, ActorFactory, ModelEvent } from '../../sim/index.ts';
import type { CommitEvent, ViewChangeEvent } from '../protocols/types.ts';
import { runConsensusWorld } from './testing/run.ts';
import { consensusScenario } from './testing/scenarios.ts';
import type { FaultPlan } from './types.ts';

const scenario = consensusScenario({
  duration: '3s',
  warmup: '1s',
  network: { latency: { kind: 'uniform', min: '2ms', max: '10ms' } },
  consensus: { nodes: 4, batchSize: 5, batchTimeout: '20ms' },
  workload: { clients: 2, rateTps: 100 },
});

const FORGER = 3;

/** Replica FORGER declared Byzantine; with `forge`, every commit it reports is of another block, and its first comes with view 99. */
function plan(forge: boolean): FaultPlan {
  const lie = (ctx: ActorContext<unknown>): ActorContext<unknown> => {
    let viewReported = false;
    const emit = (e: ModelEvent): void => {
      if (e.kind !== 'commit') return ctx.emit(e);
      if (!viewReported) {
        viewReported = true;
        const view: ViewChangeEvent = { kind: 'view-change', view: 99, leader: 0 };
        ctx.emit(view);
      }
      const { block } = e as CommitEvent;
      const forged: CommitEvent = { kind: 'commit', block: { ...block, hash: `forged-${block.height}`, txs: [] } };
      ctx.emit(forged);
    };
    return new Proxy(ctx, {
      get: (target, prop) => {
        if (prop === 'emit') return emit;
        const v: unknown = Reflect.get(target, prop, target);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  };
  return {
    wrapReplica: <M>(index: number, factory: ActorFactory<M>): ActorFactory<M> => (forge && index === FORGER ? (ctx) => factory(lie(ctx as ActorContext<unknown>) as ActorContext<M>) : factory),
    byzantineReplicas: () => [FORGER],
    install: () => undefined,
    outcomes: () => ({}),
  };
}

describe('a Byzantine replica\'s reports', () => {
  it('change no metric: forged commits and a forged view change are left out', () => {
    const truthful = runConsensusWorld(scenario, 1, { faults: plan(false) });
    const forging = runConsensusWorld(scenario, 1, { faults: plan(true) });
    expect(truthful.metrics['consensus.committed_txs']!.value).toBeGreaterThan(0);
    expect(forging.metrics['safety.violations']!.value).toBe(0);
    expect(forging.metrics['consensus.view_changes']!.value).toBe(0);
    expect(forging.metrics).toEqual(truthful.metrics);
  });
});
