/**
 * iomtsim against SimBlock on SimBlock's own work (docs/validation.md, "SimBlock agreement"):
 * scenarios/simblock.yaml (SimBlock's 2019 reference network, 6,000 nodes, its relay rules;
 * docs/pow.md, "Reproducing SimBlock") run as it is, compared with what SimBlock itself gives.
 *
 * Reference: SimBlock (dsg-titech/simblock, commit 5fc7f9f) run with its 2019 reference settings,
 * 6,000 nodes, 100 blocks: the mean over blocks of the time from mining until 50 % / 90 % of the
 * nodes have the block is 1,141 ms (SE 47) / 2,267 ms (SE 55). iomtsim measures the same quantity
 * (pow.block_propagation_ms.p50 / .p90, src/protocols/pow/collector.ts).
 *
 * Tolerance: 10 % of SimBlock's value, as docs/references.md §4 stated it before this check existed
 * ("a simulator that claims to run SimBlock's network reproduces these within 10 %"); the mean over
 * the replications here must lie within it. The wider max(10 %, 3 combined SE) this check first
 * had is gone: the stated rule is the applied one.
 *
 * What this check is, and is not: an agreement check of a model built to follow SimBlock's rules,
 * not an independent validation. iomtsim's relay was made to follow SimBlock's source rule by rule
 * (docs/pow.md, "Reproducing SimBlock") after a 24 % / 35 % gap to these very figures had been
 * measured, and the comparison numbers were in docs/pow.md when the check was added (commit
 * 3d56edd). It shows that the rules as implemented still reproduce SimBlock's output, and would
 * catch a change that breaks them; agreement with SimBlock is not evidence about real networks.
 */
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../scenario/load.ts';
import { runPowScenario } from '../../runner/models/pow.ts';
import { memo } from '../memo.ts';
import { ci95, estimate, judgeRelative } from '../stats.ts';
import type { CheckResult, ValidationCheck } from '../types.ts';

const SCENARIO = fileURLToPath(new URL('../../../scenarios/simblock.yaml', import.meta.url));
const REPLICATIONS = 4;
/** Blocks per replication: the mean over blocks does not depend on how many (the network is static). */
const BLOCKS = 50;
export const FIRST_SEED = 500;
/** docs/references.md §4: "reproduces these within 10 %". */
const RELATIVE = 0.1;

/** SimBlock's own figures (mean over 100 blocks and its standard error), ms. */
export const SIMBLOCK = {
  p50: { meanMs: 1141, standardErrorMs: 47 },
  p90: { meanMs: 2267, standardErrorMs: 55 },
} as const;

export interface Replication {
  readonly p50Ms: number;
  readonly p90Ms: number;
}

/** One replication of scenarios/simblock.yaml as it is, `blocks` blocks long (the check's: BLOCKS). */
export function replicate(seed: number, blocks = BLOCKS): Replication {
  const { scenario } = loadScenario(SCENARIO, [`consensus.pow.blocks=${blocks}`]);
  const m = runPowScenario(scenario, seed).metrics;
  return { p50Ms: m['pow.block_propagation_ms.p50']!.value, p90Ms: m['pow.block_propagation_ms.p90']!.value };
}

/** The check's verdict on replications' means against one of SimBlock's figures: within 10 % of it. */
export function judge(reference: { readonly meanMs: number; readonly standardErrorMs: number }, samples: readonly number[], share: string): CheckResult {
  const e = estimate(samples);
  const detail =
    `scenarios/simblock.yaml as it is, ${samples.length} replications × ${BLOCKS} blocks; mean over blocks of the time until ${share} of nodes have the block; ` +
    `tolerance 10 % of SimBlock's value (docs/references.md §4); an agreement check of a model built to follow SimBlock's rules, not an independent validation`;
  return {
    ...judgeRelative(reference.meanMs, e.mean, RELATIVE, 'ms', e.n, detail),
    ci95: ci95(e),
    alongside: { 'SimBlock SE': reference.standardErrorMs, 'iomtsim SE': e.standardError },
  };
}

/** The two checks; `replicateOne` runs one replication at a seed (the scenario's own by default). */
export function simblockAgreementChecks(seedOffset: number, replicateOne: (seed: number) => Replication = replicate): ValidationCheck[] {
  const runs = memo(() => Array.from({ length: REPLICATIONS }, (_, k) => replicateOne(seedOffset + FIRST_SEED + k)));
  const reference = 'SimBlock (dsg-titech/simblock 5fc7f9f), 2019 reference settings, 6,000 nodes, 100 blocks';
  return [
    {
      id: 'pow.simblock-agreement.p50', group: 'proof-of-work network', quick: false,
      title: 'SimBlock reference network: time for a block to reach 50 % of nodes',
      reference: `${reference}: 1,141 ms (SE 47)`,
      run: () => judge(SIMBLOCK.p50, runs().map((r) => r.p50Ms), '50 %'),
    },
    {
      id: 'pow.simblock-agreement.p90', group: 'proof-of-work network', quick: false,
      title: 'SimBlock reference network: time for a block to reach 90 % of nodes',
      reference: `${reference}: 2,267 ms (SE 55)`,
      run: () => judge(SIMBLOCK.p90, runs().map((r) => r.p90Ms), '90 %'),
    },
  ];
}
