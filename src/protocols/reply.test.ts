/**
 * Each protocol's replies to clients carry its authentication on the wire and cost it once per
 * reply (docs/references.md §6): a signature for HotStuff and Clique, one MAC for the client for
 * PBFT (Castro & Liskov 1999, §5: only multicasts carry one MAC per receiver), Raft's channel MAC.
 */
import { describe, expect, it } from 'vitest';
import { forwardingContext } from '../../sim/index.ts';
import type { CryptoCosts } from '../ledger/crypto.ts';
import type { ProtocolDefinition } from './definition.ts';
import { hotstuff } from './hotstuff/index.ts';
import { pbft } from './pbft/index.ts';
import { poa } from './poa/index.ts';
import { raft } from './raft/index.ts';
import { TestCluster } from './testing/cluster.ts';

/** Whole µs, so that each charge reaches the context as it is made. */
const COSTS: CryptoCosts = { signUs: 50, verifyUs: 100, hashUs: 0, hashPerKiBUs: 0, macUs: 3 };

interface SentReply {
  readonly sizeBytes: number;
  /** The CPU charge made last before the reply left (its authentication). */
  readonly chargedBeforeUs: number;
}

/** Every reply the replicas send to one transaction from the client, with the charge made just before it. */
function repliesOf(module: ProtocolDefinition, n: number, params: Readonly<Record<string, unknown>> = {}): SentReply[] {
  const sent: SentReply[] = [];
  const spied: ProtocolDefinition = {
    ...module,
    createReplica: (ctx, config, app) => {
      let lastChargeUs = NaN;
      const spy = forwardingContext(ctx, {
        cpu: (costUs) => {
          lastChargeUs = costUs;
          ctx.cpu(costUs);
        },
        send: (to, msg, sizeBytes) => {
          if ((msg as { kind: string }).kind === 'reply') sent.push({ sizeBytes, chargedBeforeUs: lastChargeUs });
          ctx.send(to, msg, sizeBytes);
        },
      });
      return module.createReplica(spy, config, app);
    },
  };
  const c = new TestCluster({ module: spied, n, latencyUs: { kind: 'fixed', value: 1_000 }, crypto: COSTS, params, batchSize: 1 });
  // Late enough for Raft to have elected a leader; to every replica, wherever requests are taken.
  c.submitAt(3_000_000, Array.from({ length: n }, (_, i) => i));
  c.run(10_000_000);
  return sent;
}

describe('replies to clients', () => {
  it.each([4, 5, 7, 10])('PBFT at n = %i: every replica replies with one MAC, 8 bytes and one MAC of CPU, not an authenticator of n', (n) => {
    const replies = repliesOf(pbft, n);
    expect(replies).toHaveLength(n);
    // Header 48, result digest 32, timestamp and client 16, one 8-byte MAC.
    for (const r of replies) expect(r).toEqual({ sizeBytes: 48 + 32 + 16 + 8, chargedBeforeUs: 3 });
  });

  it('PBFT with pbft.auth: signatures signs its replies', () => {
    for (const r of repliesOf(pbft, 4, { auth: 'signatures' })) expect(r).toEqual({ sizeBytes: 48 + 32 + 16 + 64, chargedBeforeUs: 50 });
  });

  it.each([
    ['HotStuff', hotstuff, 4, {}],
    // Each authority answers the requests that reached it from the client; a block every second.
    ['Clique', poa, 4, { period: 1_000_000 }],
  ] as const)('%s signs each reply and carries the 64-byte signature', (_name, module, replying, params) => {
    const replies = repliesOf(module, 4, params);
    expect(replies).toHaveLength(replying);
    for (const r of replies) expect(r).toEqual({ sizeBytes: 80 + 64, chargedBeforeUs: 50 });
  });

  it("Raft's leader replies over its TLS channel: one MAC of CPU, in framing no Raft message counts", () => {
    const replies = repliesOf(raft, 3);
    expect(replies).toEqual([{ sizeBytes: 80, chargedBeforeUs: 3 }]);
  });
});
