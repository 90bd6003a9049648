/**
 * The bulk-service queue as a real protocol runs it: Nakamoto proof-of-work nodes
 * (src/protocols/pow) fed by one load client with Poisson arrivals, run as an ordinary consensus
 * world. Mining is a Poisson process (Nakamoto 2008 §5; PowNode draws exponential times), and a
 * block takes the oldest pending transactions up to its capacity of b, so each node's mempool is
 * the queue of the closed form: Poisson arrivals at λ, Poisson service at μ in batches of at most b.
 *
 * What the network adds, fixed before any run: every link has a one-way delay δ = 100 µs and a
 * bandwidth at which a message's serialization rounds to nothing, verification is free and no
 * transaction is authenticated. A transaction reaches node 0 δ after its client submits it, so its
 * commit latency (submit → first commit, one confirmation, which is its miner's own) is its mempool
 * wait plus δ. Gossip to the other three miners and block relay take a few δ more: a block found
 * elsewhere in that time misses a transaction (chance about μδ, costing it about 1/μ), or forks,
 * which moves the mean wait by about δ = 10⁻⁴ s, under 1 % of the tolerance at every point checked.
 */
import { ZERO_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import { HEADER_SIZE_BYTES } from '../../protocols/pow/block.ts';
import { OutstandingTxSampler } from '../../metrics/outstanding-txs.ts';
import { validateScenarioInput } from '../../scenario/load.ts';
import { zWorkload } from '../../scenario/sections/workload.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { assembleWorld } from '../../world/assemble.ts';
import { consensusConfiguration } from '../../world/consensus.ts';

export interface PowMempoolParams {
  readonly arrivalsPerSec: number;
  readonly blocksPerSec: number;
  readonly blockCapacityTxs: number;
  readonly warmupUs: number;
  readonly durationUs: number;
}

export interface PowMempoolRun {
  /** Mean commit latency of transactions submitted after warm-up, s: each transaction's own wait. */
  readonly meanWaitS: number;
  /** Transactions submitted per second after warm-up. */
  readonly arrivalsPerSec: number;
  /** Time-average number submitted and not yet committed, sampled every second after warm-up. */
  readonly meanOutstanding: number;
  readonly committed: number;
}

/** One-way delay of every link, µs. */
export const POW_MEMPOOL_DELAY_US = 100;
const NODES = 4;
const TX_BYTES = 250;
const SAMPLE_INTERVAL_US = 1_000_000;

export function powMempoolScenario(p: PowMempoolParams): Scenario {
  const input = {
    name: 'validation-pow-mempool',
    duration: `${p.durationUs}us`,
    warmup: `${p.warmupUs}us`,
    network: { latency: { kind: 'fixed', value: `${POW_MEMPOOL_DELAY_US}us` }, upload: '1e15bps', download: '1e15bps' },
    consensus: {
      protocol: 'pow',
      nodes: NODES,
      cryptoCosts: ZERO_CRYPTO_COSTS,
      txAuth: 'none',
      // Blocks come every 1/μ on average: a gap of several minutes is not a stall here.
      livenessBound: `${Math.round(100e6 / p.blocksPerSec)}us`,
      pow: {
        blockInterval: `${Math.round(1e6 / p.blocksPerSec)}us`,
        blockSize: `${HEADER_SIZE_BYTES + p.blockCapacityTxs * TX_BYTES}B`,
        txSize: `${TX_BYTES}B`,
        outboundPeers: NODES - 1,
        confirmations: 1,
        compactBlockShare: 0,
        blockProcessing: '0us',
      },
    },
  };
  const scenario = validateScenarioInput(input, () => 'validation/models/pow-mempool.ts', []);
  // A proof-of-work scenario may not write a workload (`iomtsim run` fills its blocks with
  // synthetic transactions and places no client); this model runs proof of work in the consensus
  // world instead, whose load clients feed the nodes' mempools, to check them against M/M^X/1. One
  // client that never retransmits: each transaction is submitted once.
  const workload = zWorkload.parse({ rateTps: p.arrivalsPerSec, arrival: 'poisson', clients: 1, txSize: `${TX_BYTES}B`, requestTimeout: `${p.durationUs}us` });
  return { ...scenario, workload };
}

export function runPowMempool(p: PowMempoolParams, seed: number): PowMempoolRun {
  const scenario = powMempoolScenario(p);
  const sampler = new OutstandingTxSampler(p.warmupUs, p.durationUs, SAMPLE_INTERVAL_US);
  const { metrics } = assembleWorld(scenario, consensusConfiguration(scenario, seed), { observers: [sampler.observe] }).run();
  return {
    meanWaitS: metrics['consensus.commit_latency_ms.mean']!.value / 1000,
    arrivalsPerSec: metrics['consensus.offered_tps']!.value,
    meanOutstanding: sampler.meanOutstanding(),
    committed: metrics['consensus.committed_txs']!.value,
  };
}
