/**
 * `consensus.blockSizeMax` bounds a whole block, header included, in every protocol that cuts
 * blocks from a pool: with room for three transactions besides the header (four without it), no
 * committed block holds a fourth, and blocks are full under load (so the bound, not the batch
 * size, cut them).
 */
import { describe, expect, it } from 'vitest';
import { BLOCK_HEADER_BYTES, blockSizeBytes } from '../ledger/block.ts';
import type { Block } from '../ledger/types.ts';
import { loadScenario } from '../scenario/index.ts';
import { runConsensusWorld } from './testing/run.ts';

const TX_BYTES = 256;
/** Room for three transactions besides the header: four if the header were not counted. */
const BLOCK_BYTES = BLOCK_HEADER_BYTES + 3 * TX_BYTES + (3 * TX_BYTES) / 4;

describe('blockSizeMax, header included', () => {
  const cases = ['pbft', 'hotstuff', 'raft', 'poa'].flatMap((protocol) => [3, 4, 5, 6, 7].map((n) => [protocol, n] as const));
  it.each(cases)('%s at n = %i commits no block larger than blockSizeMax, and full blocks of three transactions under load', (protocol, n) => {
    // Clique's default period, 15 s (EIP-225), would seal no block in a short run.
    const period = protocol === 'poa' ? ['consensus.poa.period=200ms'] : [];
    const sets = [...period, 'duration=6s', 'warmup=1s', `consensus.protocol=${protocol}`, `consensus.nodes=${n}`, `consensus.blockSizeMax=${BLOCK_BYTES}B`, `workload.txSize=${TX_BYTES}B`, 'workload.rateTps=400', 'consensus.batchSize=50'];
    const { scenario } = loadScenario('scenarios/consortium.yaml', sets);
    const largest = { bytes: 0, txs: 0 };
    runConsensusWorld(scenario, 1, {
      observers: [(_h, event) => {
        if (event.kind !== 'commit') return;
        const block = (event as unknown as { block: Block }).block;
        largest.bytes = Math.max(largest.bytes, blockSizeBytes(block.txs));
        largest.txs = Math.max(largest.txs, block.txs.length);
      }],
    });
    expect(largest.bytes).toBeLessThanOrEqual(BLOCK_BYTES);
    expect(largest.txs).toBe(3);
  });
});

describe('a PBFT batch full by bytes', () => {
  it.each([4, 5])('is cut at once at n = %i: a batch size that never binds changes no latency', (n) => {
    // Three transactions fill a block. With batchSize 50 the primary waited for 50 transactions
    // before cutting (a standing queue of 50 / 200 tx/s = 250 ms) where batchSize 3 cuts at once.
    const run = (batchSize: number) => {
      const sets = ['duration=6s', 'warmup=1s', 'consensus.protocol=pbft', `consensus.nodes=${n}`, `consensus.blockSizeMax=${BLOCK_BYTES}B`, `workload.txSize=${TX_BYTES}B`, 'workload.rateTps=200', `consensus.batchSize=${batchSize}`, 'consensus.batchTimeout=2s'];
      return runConsensusWorld(loadScenario('scenarios/consortium.yaml', sets).scenario, 1).metrics;
    };
    const unbound = run(50);
    const bound = run(3);
    expect(unbound['consensus.txs_per_decision']!.value).toBeLessThanOrEqual(3);
    expect(unbound['consensus.commit_latency_ms.p50']!.value).toBeLessThan(1.5 * bound['consensus.commit_latency_ms.p50']!.value);
  });
});
