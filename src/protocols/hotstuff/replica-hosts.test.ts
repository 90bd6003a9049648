/**
 * Whose signature is whose: the run model's key ring issues one key per host
 * (consortium/placement.ts), and a replica's index is its position in `replicaHosts`. Proposals,
 * votes and QCs are therefore checked against the signer's host. Worlds that place other hosts
 * before the replicas must still certify and commit; checking signatures against replica indices
 * (which coincide with hosts only when the replicas are hosts 0..n−1) rejects every genuine vote
 * there and accepts keys that belong to other hosts.
 */
import { describe, expect, it } from 'vitest';
import { Engine, type ActorContext, type HostId } from '../../../sim/index.ts';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import { buildBlock } from '../../ledger/block.ts';
import { KeyRing, ZERO_CRYPTO_COSTS, type SigningKey } from '../../ledger/crypto.ts';
import { ZERO_HASH } from '../../ledger/hash.ts';
import { placeConsortium } from '../consortium/placement.ts';
import { defaultReplicaSettings } from '../definition.ts';
import { NO_APPLICATION, type CommitEvent, type ReplicaConfig } from '../types.ts';
import { hotstuff } from './index.ts';
import { proposalTerm, voteTerm, type HsProposal, type HsVote } from './messages.ts';
import type { HotStuffParams } from './params.ts';
import { HotStuffReplica } from './replica.ts';

const N = 4;
/** Hosts placed before the replicas (in a real world: gateways, devices, clients). */
const OTHER_HOSTS = 3;
const FREE = { region: 0, uploadBitsPerSec: Infinity, downloadBitsPerSec: Infinity } as const;

describe('HotStuff replicas that are not hosts 0..n−1', () => {
  it('certify and commit the same chain when three other hosts come first', () => {
    const engine = new Engine({ seed: 1, network: { regions: ['r'], latencyUs: { kind: 'fixed', value: 1_000 } } });
    for (let h = 0; h < OTHER_HOSTS; h++) engine.addHost(FREE, () => ({ onMessage: () => undefined, onTimer: () => undefined }), `other:${h}`);
    const deployment = placeConsortium(engine, {
      protocol: hotstuff,
      places: Array.from({ length: N }, (_, i) => ({ placement: FREE, streamName: `replica:${i}` })),
      settings: defaultReplicaSettings(hotstuff),
      batchSize: 1,
      batchTimeoutUs: 1,
      blockSizeMaxBytes: 1 << 20,
      costs: ZERO_CRYPTO_COSTS,
      keyRing: new KeyRing('symbolic', 1),
    });
    expect(deployment.replicaHosts).toEqual([3, 4, 5, 6]);
    const chains = new Map<HostId, string[]>();
    engine.observe((host, ev) => {
      if (ev.kind === 'commit') chains.set(host, [...(chains.get(host) ?? []), (ev as CommitEvent).block.hash]);
    });
    engine.run(1_000_000);
    // Views never idle: 1 s of 1 ms hops is hundreds of certified views of empty nodes.
    const lengths = deployment.replicaHosts.map((h) => chains.get(h)?.length ?? 0);
    expect(Math.min(...lengths)).toBeGreaterThan(100);
    const shortest = Math.min(...lengths);
    const prefixes = deployment.replicaHosts.map((h) => chains.get(h)!.slice(0, shortest).join());
    expect(new Set(prefixes).size).toBe(1);
  });

  it('counts votes signed by the voters’ hosts, not by keys that match their indices', () => {
    const hosts = [10, 11, 12, 13];
    const ring = new KeyRing('symbolic', 1);
    const hostKeys = new Map<HostId, SigningKey>(hosts.map((h) => [h, ring.issue(h)]));
    // Keys of hosts 0..3 exist too: in a world they belong to whatever sits there.
    const indexKeys = Array.from({ length: N }, (_, i) => ring.issue(i));
    const ctx = new ScriptedContext(hosts[2]!);
    const config: ReplicaConfig<HotStuffParams> = {
      replicaHosts: hosts, index: 2, batchSize: 1, batchTimeoutUs: 1, blockSizeMaxBytes: 1 << 20,
      crypto: ZERO_CRYPTO_COSTS, signingKey: hostKeys.get(hosts[2]!)!, verifier: ring, ...defaultReplicaSettings(hotstuff),
    };
    const leaderOfView2 = new HotStuffReplica(ctx as ActorContext<unknown>, config, NO_APPLICATION);
    leaderOfView2.onStart();
    const block = buildBlock({ parentHash: ZERO_HASH, height: 1, proposer: hosts[1]!, timestampUs: 0, txs: [] });
    const genesisQc = { view: 0, blockHash: ZERO_HASH, sigs: [] };
    const proposal: HsProposal = {
      kind: 'hs-proposal',
      node: { block, view: 1, justify: genesisQc, proposer: 1, sig: hostKeys.get(hosts[1]!)!.sign(ring.digest(proposalTerm(1, block.hash, 0, ZERO_HASH))) },
    };
    leaderOfView2.onMessage(hosts[1]!, proposal);
    ctx.sent.length = 0;
    const vote = (voter: number, key: SigningKey): HsVote => ({ kind: 'hs-vote', view: 1, blockHash: block.hash, voter, sig: key.sign(ring.digest(voteTerm(1, block.hash))), txs: [] });
    // With its own vote, two more make the quorum of 3; keys of hosts 1 and 3 are not replicas 1 and 3.
    for (const voter of [1, 3]) leaderOfView2.onMessage(hosts[voter]!, vote(voter, indexKeys[voter]!));
    expect(ctx.take('hs-proposal')).toHaveLength(0);
    for (const voter of [1, 3]) leaderOfView2.onMessage(hosts[voter]!, vote(voter, hostKeys.get(hosts[voter]!)!));
    const proposals = ctx.take('hs-proposal');
    expect(proposals.map((p) => p.to)).toEqual([10, 11, 13]);
  });
});
