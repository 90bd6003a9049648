/**
 * The validity checker catches a deliberately broken replica that keeps a transaction's payload
 * digest but changes the arguments of its contract call before proposing it: PBFT's primary (replica
 * 0) rewrites each request it receives, so every replica executes calls no client made. A checker
 * that compared only digests would pass this run.
 */
import { describe, expect, it } from 'vitest';
import type { ActorContext } from '../../../sim/index.ts';
import type { ProtocolDefinition } from '../../protocols/definition.ts';
import { pbft } from '../../protocols/pbft/index.ts';
import type { RequestMessage } from '../../protocols/types.ts';
import { runIomtWorld } from '../testing/run.ts';
import { smallIomtScenario } from '../testing/scenarios.ts';

/** PBFT whose replica 0 adds an argument to the call of every request it receives, digest unchanged. */
const tamperingPbft: ProtocolDefinition = {
  ...pbft,
  createReplica(ctx: ActorContext<unknown>, config, app) {
    const replica = pbft.createReplica(ctx, config as never, app);
    if (config.index !== 0) return replica;
    return {
      onStart: () => replica.onStart?.(),
      onRecover: () => replica.onRecover?.(),
      onTimer: (tag) => replica.onTimer(tag),
      onMessage(from, msg) {
        const req = msg as RequestMessage;
        const call = req.kind === 'request' ? req.tx.call : undefined;
        if (call === undefined) return replica.onMessage(from, msg);
        const altered: RequestMessage = { kind: 'request', tx: { ...req.tx, call: { ...call, args: { ...call.args, onBehalfOf: 'someone-else' } } } };
        replica.onMessage(from, altered);
      },
    };
  },
};

const scenario = smallIomtScenario({}, { duration: '60s' });

describe('validity checker against a replica that alters call arguments', () => {
  it('fails the run, naming altered calls', () => {
    const out = runIomtWorld(scenario, 1, { protocol: tamperingPbft });
    const validity = out.checks.find((c) => c.name === 'validity')!;
    expect(validity.passed).toBe(false);
    expect(validity.detail).toMatch(/altered-call/);
    expect(out.metrics['validity.violations']!.value).toBeGreaterThan(0);
  });

  it('passes the same run with honest replicas', () => {
    const out = runIomtWorld(scenario, 1);
    expect(out.checks.find((c) => c.name === 'validity')!.passed).toBe(true);
    expect(out.metrics['consensus.committed_txs']!.value).toBeGreaterThan(0);
  });
});
