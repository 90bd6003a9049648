/**
 * One Raft replica driven by a scripted context (sans-I/O, as etcd/raft's tests drive theirs): the
 * RPC and persistence tests feed it messages and timers by hand and read what it sent.
 */
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import { ZERO_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import { defaultReplicaSettings } from '../definition.ts';
import { raft } from '../raft/index.ts';
import type { RaftParams } from '../raft/params.ts';
import { RaftReplica } from '../raft/replica.ts';
import { NO_APPLICATION, type ReplicaConfig } from '../types.ts';

/** Replica `index` of `n` (hosts 0..n−1), started, with batches of one transaction and free crypto. */
export function scriptedRaftReplica(params: Partial<RaftParams>, index: number, n = 3, seed = 1): { r: RaftReplica; ctx: ScriptedContext } {
  const ctx = new ScriptedContext(index, seed);
  const config: ReplicaConfig<RaftParams> = {
    replicaHosts: Array.from({ length: n }, (_, i) => i),
    index,
    batchSize: 1,
    batchTimeoutUs: 1000,
    blockSizeMaxBytes: 1 << 20,
    crypto: ZERO_CRYPTO_COSTS,
    ...defaultReplicaSettings(raft, params),
  };
  const r = new RaftReplica(ctx, config, NO_APPLICATION);
  r.onStart();
  return { r, ctx };
}
