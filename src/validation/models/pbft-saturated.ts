/**
 * PBFT held at saturation by transaction verification alone: four replicas on `cores` cores each,
 * every transaction signed and checked once per replica for `verifyUs` (src/ledger/
 * tx-authentication.ts), every other cost free (MACs, hashes, signing), a fixed 1 ms one-way delay
 * on links at which serialization rounds to nothing, and one client offering twice the claimed
 * capacity c·10⁶/v with a request timeout longer than the run (so no request is re-sent).
 */
import { ZERO_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import { validateScenarioInput } from '../../scenario/load.ts';
import { assembleWorld } from '../../world/assemble.ts';
import { consensusConfiguration } from '../../world/consensus.ts';

export interface PbftSaturatedParams {
  readonly cores: number;
  readonly verifyUs: number;
  /** Transactions per batch; a multiple of `cores`, so a batch's checks fill every core. */
  readonly batchSize: number;
  readonly offeredTps: number;
  readonly warmupUs: number;
  readonly durationUs: number;
}

export interface PbftSaturatedRun {
  /** Committed transactions per second in the window after warm-up. */
  readonly throughputTps: number;
  /** Busy time over cores × window, mean over the replicas. */
  readonly cpuUtilization: number;
}

export function runPbftSaturated(p: PbftSaturatedParams, seed: number): PbftSaturatedRun {
  const input = {
    name: 'validation-pbft-saturated',
    duration: `${p.durationUs}us`,
    warmup: `${p.warmupUs}us`,
    network: { latency: { kind: 'fixed', value: '1ms' }, upload: '1e15bps', download: '1e15bps' },
    consensus: {
      protocol: 'pbft',
      nodes: 4,
      cores: p.cores,
      batchSize: p.batchSize,
      cryptoCosts: { ...ZERO_CRYPTO_COSTS, verifyUs: p.verifyUs },
      txAuth: 'signature',
    },
    workload: { rateTps: p.offeredTps, arrival: 'poisson', clients: 1, requestTimeout: `${2 * p.durationUs}us` },
  };
  const scenario = validateScenarioInput(input, () => 'validation/models/pbft-saturated.ts', []);
  const { metrics } = assembleWorld(scenario, consensusConfiguration(scenario, seed)).run();
  return { throughputTps: metrics['consensus.throughput_tps']!.value, cpuUtilization: metrics['node.cpu_utilization']!.value };
}
